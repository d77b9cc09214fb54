using Microsoft.Extensions.Time.Testing;
using QuizBot.Bench.Fanout;
using QuizBot.Scheduling;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Chat;

// A flood of commands in one Teams channel, over HTTP into a connector that enforces Teams' limits, while another
// channel's round is due to close. Each top-level message in a channel is its own thread (conversation id
// ";messageid=..."), so the flood's replies do not queue behind one another at their conversation's gate: they all
// reach the tenant's gate (50 a second) at once, where the other channel's close must not queue behind them.
public sealed class ConversationFloodTests : IAsyncLifetime
{
    private const string ChannelA = "19:flooded@thread.tacv2";
    private const string ChannelB = "19:quiet@thread.tacv2";
    private const int Flood = 400;
    // What the tenant's limit (50 a second) lets through in the scheduler's default tick of two seconds.
    private const int TenantSendsPerTick = 2 * 50;
    // B's close lands within one tick when no more of the flood goes ahead of it than that tick's sends plus the
    // tenant's current second, which may already be full when the close arrives (Teams' limit, not a queue).
    private const int AllowedAhead = TenantSendsPerTick + 50;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly ThrottlingConnector _connector = new();
    private readonly BotApp _app;

    public ConversationFloodTests() => _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" }, _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private Activities In(string channel, string thread) =>
        new(_connector.ServiceUrl, "msteams", $"{channel};messageid={thread}", "29:alice", "Alice", "channel");

    [Fact]
    public async Task A_flood_of_help_in_one_channel_does_not_hold_up_another_channels_close()
    {
        var b = In(ChannelB, "1");
        (await _app.PostAsync(b.Message("<at>QuizBot</at> schedule daily 09:00 UTC window 1h"))).EnsureSuccessStatusCode();
        (await _app.PostAsync(b.Message("<at>QuizBot</at> post now"))).EnsureSuccessStatusCode();
        Assert.Single(_connector.Hits, h => h is { Method: "POST", ConversationId: ChannelB });
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var flood = Enumerable.Range(1, Flood).Select(i => _app.PostAsync(In(ChannelA, $"{1000 + i}").Message("<at>QuizBot</at> help"))).ToList();
        // Once the flood's requests have been taken in and its replies are queued at the tenant's gate (two seconds'
        // worth have gone), the tick closes B's post.
        var hitsBefore = _connector.Hits.Count;
        Assert.True(await _connector.WaitForHitsAsync(hitsBefore + TenantSendsPerTick, TimeSpan.FromSeconds(30)), "The flood's replies did not arrive.");
        var tickStart = _connector.Hits.Count;
        await _app.Get<RoundScheduler>().TickAsync(CancellationToken.None);
        foreach (var response in await Task.WhenAll(flood))
        {
            response.EnsureSuccessStatusCode();
            response.Dispose();
        }

        var hits = _connector.Hits;
        var close = hits.ToList().FindIndex(h => h is { Method: "PUT", ConversationId: ChannelB });
        Assert.True(close >= 0, "B's post was never closed.");
        var floodAhead = hits.Take(close).Skip(tickStart).Count(h => h.ConversationId.StartsWith(ChannelA, StringComparison.Ordinal));
        Assert.True(floodAhead <= AllowedAhead, $"{floodAhead} of the flood's replies went out after the tick started and before B's close.");
        Assert.Equal(Flood, hits.Count(h => h.ConversationId.StartsWith(ChannelA, StringComparison.Ordinal) && h.Status == 201));
        Assert.Equal(0, _connector.Throttled);
    }
}
