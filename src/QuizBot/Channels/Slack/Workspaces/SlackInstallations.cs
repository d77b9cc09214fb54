using System.Text.Json.Nodes;
using QuizBot.Storage;

namespace QuizBot.Channels.Slack;

// Workspaces that installed the app (OAuth v2), and what happens when one uninstalls it or revokes its tokens: the
// token is deleted at once, so every post, update and reply to that workspace stops before it leaves (the calls fail
// as "not_installed", which marks each conversation gone for rounds); the mark is stored, so it holds after a restart.
// Answers already given stay, and open posts still close and count on the boards.
internal sealed partial class SlackInstallations(IInstallStore store, SlackTokens tokens, TimeProvider time, ILogger<SlackInstallations> log)
{
    // What oauth.v2.access answered, checked: a bot token for one workspace.
    public sealed record Granted(string Team, string? TeamName, string? Enterprise, string BotUser, string Token, string? Scopes);

    public static Granted? Read(JsonObject access, out string problem)
    {
        problem = "";
        var team = access["team"] as JsonObject;
        if (SlackAnswer.IsTrue(access, "is_enterprise_install"))
        {
            problem = "This was an organisation-wide install; QuizBot is installed into each workspace on its own.";
            return null;
        }
        if (SlackAnswer.String(access, "token_type") != "bot" || SlackAnswer.String(access, "access_token") is not { } token || !token.StartsWith("xoxb-", StringComparison.Ordinal)
            || SlackAnswer.String(team, "id") is not { Length: > 0 } teamId)
        {
            problem = "Slack's answer held no bot token for a workspace.";
            return null;
        }
        return new Granted(teamId, SlackAnswer.String(team, "name"), SlackAnswer.String(access["enterprise"] as JsonObject, "id"), SlackAnswer.String(access, "bot_user_id") ?? "",
            token, SlackAnswer.String(access, "scope"));
    }

    public async Task InstallAsync(Granted granted, CancellationToken ct)
    {
        await store.SaveInstallAsync(new Installation(SlackTokens.Channel, granted.Team, granted.Enterprise, granted.TeamName, granted.BotUser,
            tokens.Protect(granted.Token), granted.Scopes, time.GetUtcNow(), null), ct);
        tokens.Forget(granted.Team);
        LogInstalled(log, granted.Team);
    }

    // app_uninstalled, or tokens_revoked naming a bot token (revoking only people's user tokens leaves the bot alone).
    public async Task OnRevokedAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.TeamId is not { Length: > 0 } team
            || envelope.Event is { Type: "tokens_revoked", Tokens.Bot: null or { Count: 0 } })
        {
            return;
        }
        await store.RevokeInstallAsync(SlackTokens.Channel, team, time.GetUtcNow(), ct);
        tokens.Forget(team);
        LogRevoked(log, team, envelope.Event?.Type);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack workspace {Team} installed QuizBot")]
    private static partial void LogInstalled(ILogger logger, string team);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack workspace {Team} removed QuizBot ({Event}): its token is deleted and nothing more is sent there")]
    private static partial void LogRevoked(ILogger logger, string team, string? @event);
}
