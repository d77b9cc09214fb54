using System.Diagnostics;
using QuizBot.Bench.Hosting;
using QuizBot.Scheduling;
using QuizBot.Channels.Teams;

namespace QuizBot.Bench.Fanout;

// One question due in N conversations at the same slot, posted by one scheduler tick through a connector that
// enforces Teams' limits. The tenant allows 50 requests/s, so N/50 s is the least any correct sender can take.
internal static class FanoutBench
{
    private const double TenantPerSecond = 50;

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var n = o.Smoke ? Math.Min(o.Conversations, 20) : o.Conversations;
        await using var connector = new ThrottlingConnector();
        // The test drives the scheduler: no background ticks racing the one being measured.
        await using var app = new AppUnderTest(o.Store, new()
        {
            ["QuizBot:Scheduler:TickSeconds"] = "0",
            // One warning per refused post would bury the result; the counts below say the same.
            ["Logging:LogLevel:QuizBot.Chat.RoundPublisher"] = "Error",
        });
        _ = app.BaseAddress;
        var due = new DueRounds(app);

        async Task<List<string>> AddAsync(string prefix, int count, string tenant)
        {
            var ids = Enumerable.Range(0, count).Select(i => $"19:{prefix}-{i:00000}@thread.tacv2").ToList();
            foreach (var id in ids)
            {
                var address = new ConversationAddress("msteams", connector.ServiceUrl, id, tenant, new ChannelAccount { Id = "28:quizbot", Name = "QuizBot" });
                await due.AddAsync("msteams:" + id, TeamsOutbound.Serialize(address), "msteams:bench-admin", ct);
            }
            return ids;
        }

        // A service that has been running: one tick first posts into a few conversations of another tenant (whose limit
        // is its own), so the measured tick does not pay for the first send's JIT and connection.
        var warmup = o.Smoke ? 2 : 50;
        await AddAsync("warmup", warmup, "tenant-warmup");
        await app.Get<RoundScheduler>().TickAsync(ct);
        var warmed = connector.TotalDelivered;

        var conversations = await AddAsync("fanout", n, "tenant-1");
        log.WriteLine($"fanout: {n} conversations due at {due.Slot:u} (after a warm-up tick posted {warmed} in another tenant), connector {connector.ServiceUrl}");

        var started = Stopwatch.GetTimestamp();
        await app.Get<RoundScheduler>().TickAsync(ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var lost = conversations.Count(id => connector.Delivered(id) == 0);
        var failed = await due.NotPostedAsync(conversations.Select(id => "msteams:" + id), ct);
        var bound = n / TenantPerSecond;
        log.WriteLine($"fanout: {seconds:0.00} s for {n} posts (bound {bound:0.00} s), {connector.Throttled} answered 429, " +
            $"{lost} conversations got nothing, {connector.Duplicates} duplicates, {failed} posts not marked posted");
        return new BenchLine()
            .Add("seconds", seconds, "0.00")
            .Add("bound_s", bound, "0.00")
            .Add("ratio", seconds / bound, "0.00")
            .Add("throttled", connector.Throttled)
            .Add("duplicates", connector.Duplicates)
            .Add("lost", lost)
            .Add("failed", failed)
            .Add("conversations", n)
            .Add("warmup_posts", warmed);
    }
}
