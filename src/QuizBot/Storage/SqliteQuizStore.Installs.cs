using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    public async Task SaveInstallAsync(Installation install, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecAsync(connection, null, """
            INSERT INTO installs (channel, team, enterprise, team_name, bot_user, token, scopes, installed_at, revoked_at)
            VALUES ($channel, $team, $enterprise, $name, $bot, $token, $scopes, $at, NULL)
            ON CONFLICT (channel, team) DO UPDATE SET enterprise = $enterprise, team_name = $name, bot_user = $bot, token = $token,
                scopes = $scopes, installed_at = $at, revoked_at = NULL
            """, ct,
            ("$channel", install.Channel), ("$team", install.Team), ("$enterprise", install.Enterprise), ("$name", install.TeamName),
            ("$bot", install.BotUser), ("$token", install.ProtectedToken), ("$scopes", install.Scopes),
            ("$at", install.InstalledAt.ToUnixTimeMilliseconds()));
    }

    public async Task<Installation?> GetInstallAsync(string channel, string team, CancellationToken ct) =>
        (await QueryAsync("""
            SELECT enterprise, team_name, bot_user, token, scopes, installed_at, revoked_at FROM installs
            WHERE channel = $channel AND team = $team
            """,
            r => new Installation(channel, team, Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), Time(r, 6)),
            ct, ("$channel", channel), ("$team", team)))
        .FirstOrDefault();

    public async Task RevokeInstallAsync(string channel, string team, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecAsync(connection, null, """
            INSERT INTO installs (channel, team, token, installed_at, revoked_at) VALUES ($channel, $team, NULL, $at, $at)
            ON CONFLICT (channel, team) DO UPDATE SET token = NULL, revoked_at = $at
            """, ct, ("$channel", channel), ("$team", team), ("$at", at.ToUnixTimeMilliseconds()));
    }

    public async Task<bool> UseNonceAsync(string nonce, DateTimeOffset expires, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        // Expired nonces can no longer be presented (their state is refused first), so they need not be kept: those that
        // expired a day before this one (measured on the caller's clock, with room for clocks that disagree) go.
        await ExecAsync(connection, tx, "DELETE FROM nonces WHERE expires_at < $old", ct,
            ("$old", expires.AddDays(-1).ToUnixTimeMilliseconds()));
        var inserted = await ExecAsync(connection, tx, "INSERT INTO nonces (nonce, expires_at) VALUES ($nonce, $expires) ON CONFLICT DO NOTHING", ct,
            ("$nonce", nonce), ("$expires", expires.ToUnixTimeMilliseconds()));
        await tx.CommitAsync(ct);
        return inserted == 1;
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
