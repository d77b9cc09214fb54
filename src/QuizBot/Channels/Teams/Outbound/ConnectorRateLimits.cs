namespace QuizBot.Channels.Teams.Outbound;

// At most Count sends in any span of Length.
internal sealed record RateWindow(int Count, TimeSpan Length);

// Each window is kept Slack + Drift x Length wider than the limit. The windows are anchored on when earlier sends
// finished, which already covers latency, and a send only passes after a re-check on the monotonic clock (a timer
// that fires early waits again), so on the bot's side nothing needs a margin. The margin is for Teams counting on its
// own clock: Slack for timestamps as coarse as Windows' default 15.6 ms timer tick, Drift for a clock whose rate differs
// from ours (NTP slews at most 500 ppm; this allows twice that), which matters on the long windows.
internal sealed record ConnectorRateLimits(IReadOnlyList<RateWindow> PerConversation, IReadOnlyList<RateWindow> PerTenant, TimeSpan Slack,
    double Drift)
{
    // Teams' published limits per bot per conversation and per app per tenant.
    public static ConnectorRateLimits Teams { get; } = new(
        [
            new(7, TimeSpan.FromSeconds(1)),
            new(8, TimeSpan.FromSeconds(2)),
            new(60, TimeSpan.FromSeconds(30)),
            new(1800, TimeSpan.FromHours(1)),
        ],
        [new(50, TimeSpan.FromSeconds(1))],
        TimeSpan.FromMilliseconds(20),
        0.001);

    // How far apart the limiter keeps send k from send k-Count, for a window of this length.
    public TimeSpan Widen(TimeSpan length) => length + Slack + length * Drift;
}
