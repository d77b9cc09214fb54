namespace QuizBot.Teams.Outbound;

// At most Count sends in any span of Length.
internal sealed record RateWindow(int Count, TimeSpan Length);

internal sealed record ConnectorRateLimits(IReadOnlyList<RateWindow> PerConversation, IReadOnlyList<RateWindow> PerTenant, TimeSpan Slack)
{
    // Teams' published limits per bot per conversation and per app per tenant. The slack widens every window a little
    // because the connector counts arrivals, and two sends released a window apart can arrive closer than that.
    public static ConnectorRateLimits Teams { get; } = new(
        [
            new(7, TimeSpan.FromSeconds(1)),
            new(8, TimeSpan.FromSeconds(2)),
            new(60, TimeSpan.FromSeconds(30)),
            new(1800, TimeSpan.FromHours(1)),
        ],
        [new(50, TimeSpan.FromSeconds(1))],
        TimeSpan.FromMilliseconds(100));
}
