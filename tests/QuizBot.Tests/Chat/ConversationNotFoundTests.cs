using Microsoft.Extensions.Time.Testing;
using QuizBot.Bench.Fanout;
using QuizBot.Chat;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Chat;

// Teams answers 404 ConversationNotFound in passing too, so one such answer must not end a channel's rounds for
// good: it is an ordinary failed send, and the conversation is given up only when the answer persists.
public sealed class ConversationNotFoundTests : IAsyncLifetime
{
    private const string Channel = "19:quiz@thread.tacv2";
    private const string Key = "msteams:" + Channel;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly ThrottlingConnector _connector = new();
    private readonly BotApp _app;

    public ConversationNotFoundTests() => _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" }, _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private Task TickAsync() => _app.Get<RoundScheduler>().TickAsync(CancellationToken.None);

    private async Task<bool> BlockedAsync() => (await _app.Get<IQuizStore>().GetConversationAsync(Key, default))!.Blocked;

    private int ClosedCards => _connector.Hits.Count(h => h is { Method: "PUT", Status: 200 });

    private async Task PostPastItsCloseAsync()
    {
        var alice = new Activities(_connector.ServiceUrl, "msteams", Channel + ";messageid=1", "29:alice", "Alice", "channel");
        (await _app.PostAsync(alice.Message("<at>QuizBot</at> schedule daily 09:00 UTC window 1h"))).EnsureSuccessStatusCode();
        (await _app.PostAsync(alice.Message("<at>QuizBot</at> post now"))).EnsureSuccessStatusCode();
        Assert.Single(_connector.Hits, h => h is { Method: "POST", ConversationId: Channel, Status: 201 });
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task One_ConversationNotFound_is_a_failed_send_that_is_retried_and_the_rounds_go_on()
    {
        await PostPastItsCloseAsync();
        _connector.FailNext(404, errorCode: "ConversationNotFound");

        await TickAsync();
        Assert.Equal(0, ClosedCards);
        Assert.False(await BlockedAsync());

        _time.Advance(ConversationSends.FirstRest);
        await TickAsync();
        Assert.Equal(1, ClosedCards);
        Assert.False(await BlockedAsync());
    }

    [Fact]
    public async Task ConversationNotFound_that_persists_for_ten_minutes_of_tries_stops_posting_there()
    {
        await PostPastItsCloseAsync();
        for (var i = 0; i < 100; i++)
        {
            _connector.FailNext(404, errorCode: "ConversationNotFound");
        }
        var start = _time.GetUtcNow();
        TimeSpan? blockedAfter = null;
        while (blockedAfter is null && _time.GetUtcNow() - start < TimeSpan.FromMinutes(20))
        {
            await TickAsync();
            if (await BlockedAsync())
            {
                blockedAfter = _time.GetUtcNow() - start;
            }
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.NotNull(blockedAfter);
        Assert.InRange(blockedAfter.Value, ConversationSends.NotFoundSpan, TimeSpan.FromMinutes(15));
        Assert.True(_connector.Hits.Count(h => h.Status == 404) >= ConversationSends.NotFoundTries);
        Assert.Equal(0, ClosedCards);
    }
}
