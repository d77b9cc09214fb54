namespace QuizBot.Channels.Slack;

// A steady rate with a burst allowance: Burst calls may go at once, then one per Interval.
internal sealed record SlackRate(TimeSpan Interval, int Burst)
{
    public static SlackRate PerMinute(int count, int burst) => new(TimeSpan.FromMinutes(1) / count, burst);
}

// Slack's published limits, per method per workspace (the bot token is one workspace's). The tiers are floors
// ("20+ per minute"), so the steady rates below are the floors and the bursts small; a 429 still pauses the key.
internal static class SlackRateLimits
{
    public const string PostMessage = "chat.postMessage";

    public static readonly SlackRate Tier2 = SlackRate.PerMinute(20, burst: 3);
    public static readonly SlackRate Tier3 = SlackRate.PerMinute(50, burst: 5);
    public static readonly SlackRate Tier4 = SlackRate.PerMinute(100, burst: 10);

    // "About one message per second per channel, short bursts allowed": paced per channel, not per method, so one
    // busy channel never holds up another. Slack's workspace-wide posting limit is unpublished; its 429 covers it.
    public static readonly SlackRate PostMessagePerChannel = new(TimeSpan.FromSeconds(1), Burst: 3);

    // From each method's reference page (docs.slack.dev/reference/methods). auth.test has "special" limits and is
    // called once at start; Tier 4 is generous enough. Anything unlisted gets Tier 2, which "most methods allow".
    private static readonly Dictionary<string, SlackRate> Methods = new(StringComparer.Ordinal)
    {
        ["chat.update"] = Tier3,
        ["chat.delete"] = Tier3,
        ["conversations.open"] = Tier3,
        ["chat.postEphemeral"] = Tier4,
        ["views.publish"] = Tier4,
        ["views.open"] = Tier4,
        ["users.info"] = Tier4,
        ["auth.test"] = Tier4,
        ["oauth.v2.access"] = Tier4,
    };

    public static SlackRate For(string method) =>
        method == PostMessage ? PostMessagePerChannel : Methods.GetValueOrDefault(method, Tier2);

    // The limiter's key: the workspace, the method, and for chat.postMessage the channel as well.
    public static string Key(string method, string? channel, string? team = null) =>
        (method == PostMessage && !string.IsNullOrEmpty(channel) ? $"{method}|{channel}" : method) + (team is null ? "" : $"|{team}");
}
