using System.Diagnostics;
using System.Globalization;
using QuizBot.Bench.Fanout;
using QuizBot.Bench.Hosting;
using QuizBot.Channels.Slack;
using QuizBot.Scheduling;

namespace QuizBot.Bench.Slack;

// One question due in N channels of one Slack workspace at the same slot, posted by one scheduler tick through the
// Slack Web API client (its retries and per-channel limiter) to a stand-in that holds chat.postMessage to one per
// second per channel. Slack documents no other posting limit, so its limits allow every channel's one post at once
// (bound_s = 1: all N within the first second); what bounds the tick is the app's own cap of posts in flight.
internal static class SlackFanoutBench
{
    private const string Team = "T0FANOUT1";

    // RoundPublisher.PostsInFlight: the scheduler posts this many conversations at a time.
    private const int PostsInFlight = 32;

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var n = o.Smoke ? Math.Min(o.Conversations, 20) : o.Conversations;
        await using var slack = await SlackWebApiStandIn.StartAsync();
        await using var app = new AppUnderTest(o.Store, new()
        {
            ["Slack:SigningSecret"] = "bench-signing-secret-0123456789ab",
            ["Slack:BotToken"] = SlackWebApiStandIn.Token,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The run drives the scheduler: no background ticks racing the one being measured.
            ["QuizBot:Scheduler:TickSeconds"] = "0",
            ["Logging:LogLevel:QuizBot.Chat.RoundPublisher"] = "Error",
        });
        _ = app.BaseAddress;
        var due = new DueRounds(app);

        var channels = Enumerable.Range(0, n).Select(i => new SlackAddress(Team, string.Create(CultureInfo.InvariantCulture, $"C{i:D8}"))).ToList();
        foreach (var to in channels)
        {
            await due.AddAsync(to.ConversationKey, to.Serialize(), SlackAddress.UserKey(Team, "U0ADMIN01"), ct);
        }
        log.WriteLine($"slack-fanout: {n} channels of {Team} due at {due.Slot:u}, Slack stand-in {slack.ApiBaseUrl}");

        var started = Stopwatch.GetTimestamp();
        await app.Get<RoundScheduler>().TickAsync(ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var lost = channels.Count(to => slack.Delivered(to.Channel) == 0);
        var failed = await due.NotPostedAsync(channels.Select(to => to.ConversationKey), ct);
        const double bound = 1;
        var perPostMs = seconds * 1000 / Math.Ceiling(n / (double)PostsInFlight);
        log.WriteLine($"slack-fanout: {seconds:0.00} s for {n} posts ({n / seconds:0} posts/s; Slack's documented limits allow all in {bound:0} s), " +
            $"{slack.Throttled} answered 429, {lost} channels got nothing, {slack.Duplicates} duplicates, {failed} posts not marked posted; " +
            $"at most {slack.PeakInFlight} calls in flight at Slack (the app's cap is {PostsInFlight}), {perPostMs:0.0} ms per post per slot");
        return new BenchLine()
            .Add("seconds", seconds, "0.00")
            .Add("bound_s", bound, "0.00")
            .Add("ratio", seconds / bound, "0.00")
            .Add("posts/s", n / seconds, "0")
            .Add("peak_in_flight", slack.PeakInFlight)
            .Add("per_post_ms", perPostMs, "0.0")
            .Add("throttled", slack.Throttled)
            .Add("duplicates", slack.Duplicates)
            .Add("lost", lost)
            .Add("failed", failed)
            .Add("post_calls", slack.Calls("chat.postMessage"))
            .Add("channels", n);
    }
}
