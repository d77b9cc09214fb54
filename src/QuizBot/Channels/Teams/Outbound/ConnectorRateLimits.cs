namespace QuizBot.Channels.Teams.Outbound;

// At most Count sends in any span of Length.
internal sealed record RateWindow(int Count, TimeSpan Length);

internal sealed record ConnectorRateLimits(IReadOnlyList<RateWindow> PerConversation, IReadOnlyList<RateWindow> PerTenant, TimeSpan Slack)
{
    // Teams' published limits per bot per conversation and per app per tenant. The windows are anchored on when
    // earlier sends finished, which already covers latency; the slack is for timer and clock granularity.
    public static ConnectorRateLimits Teams { get; } = new(
        [
            new(7, TimeSpan.FromSeconds(1)),
            new(8, TimeSpan.FromSeconds(2)),
            new(60, TimeSpan.FromSeconds(30)),
            new(1800, TimeSpan.FromHours(1)),
        ],
        [new(50, TimeSpan.FromSeconds(1))],
        TimeSpan.FromMilliseconds(50));
}
