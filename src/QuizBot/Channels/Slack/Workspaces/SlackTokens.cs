using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Which bot token speaks for a workspace. Single-workspace mode: Slack:BotToken, for any team.
internal class SlackTokens(IOptions<SlackOptions> options)
{
    // Null: the app is not installed there (or was uninstalled); nothing may be sent to that workspace.
    public virtual ValueTask<string?> BotTokenAsync(string team, CancellationToken ct) =>
        ValueTask.FromResult(options.Value.HasBotToken ? options.Value.BotToken : null);
}
