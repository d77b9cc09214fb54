namespace QuizBot.Storage;

// Workspaces that installed the app (Slack's OAuth v2), with their bot token as the channel's adapter protected it
// (never the plain token), and the one-time nonces of install links.
internal interface IInstallStore
{
    Task SaveInstallAsync(Installation install, CancellationToken ct);

    Task<Installation?> GetInstallAsync(string channel, string team, CancellationToken ct);

    // Uninstalled or revoked: the token is deleted; the row stays, marked, so no fallback token speaks for the team
    // either until it installs again.
    Task RevokeInstallAsync(string channel, string team, DateTimeOffset at, CancellationToken ct);

    // True the first time the nonce is used, false ever after (until it expires and is swept).
    Task<bool> UseNonceAsync(string nonce, DateTimeOffset expires, CancellationToken ct);
}

internal sealed record Installation(
    string Channel,
    string Team,
    string? Enterprise,
    string? TeamName,
    string? BotUser,
    string? ProtectedToken,
    string? Scopes,
    DateTimeOffset InstalledAt,
    DateTimeOffset? RevokedAt);
