using QuizBot.Bench.Fanout;
using Microsoft.Extensions.Time.Testing;

namespace QuizBot.Tests.Outbound;

// A 429 slows the whole conversation down, not only the one request that got it: every later send to that
// conversation waits for the Retry-After too, instead of going out and earning a 429 of its own.
public sealed class ThrottleHoldTests : IAsyncLifetime
{
    private const string Conversation = "19:quiz@thread.v2";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ThrottlingConnector _connector;
    private readonly OutboundClient _outbound;

    public ThrottleHoldTests()
    {
        _connector = new ThrottlingConnector(_time);
        // A long attempt timeout: the fake clock moves while a real request is in flight.
        _outbound = new OutboundClient(_time, o => o.AttemptTimeout = TimeSpan.FromHours(1));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _outbound.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task ThrottledFirstAsync(string retryAfter)
    {
        _connector.FailNext(429, retryAfter);
        var first = _outbound.SendAsync(_connector, Conversation, "Question 1");
        Assert.True(await _connector.WaitForHitsAsync(1, TimeSpan.FromSeconds(10)));
        // The clock stands still while the 429 travels back to the client, as in OutboundClient.AdvanceUntilAsync.
        await Task.Delay(200);
        Assert.False(first.IsCompleted);
    }

    [Fact]
    public async Task After_a_429_the_next_message_to_that_conversation_waits_for_Retry_After_too()
    {
        await ThrottledFirstAsync("10");

        var second = _outbound.SendAsync(_connector, Conversation, "Question 2");
        var other = _outbound.SendAsync(_connector, "19:other@thread.v2", "Question 1");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 4, TimeSpan.FromMinutes(1));

        Assert.NotNull(await second);
        Assert.NotNull(await other);
        var hits = _connector.Hits;
        Assert.All(hits.Skip(1).Where(h => h.ConversationId == Conversation), h => Assert.True(h.At >= TimeSpan.FromSeconds(10), $"sent at {h.At}"));
        // Another conversation of the same tenant is not held by this conversation's 429.
        Assert.True(hits.Single(h => h.ConversationId == "19:other@thread.v2").At < TimeSpan.FromSeconds(1));
        Assert.Equal(1, _connector.Throttled);
        Assert.Equal(2, _connector.Delivered(Conversation));
    }

    [Fact]
    public async Task A_429_without_Retry_After_still_holds_the_conversation_for_a_backoff()
    {
        _connector.FailNext(429);
        var first = _outbound.SendAsync(_connector, Conversation, "Question 1");
        Assert.True(await _connector.WaitForHitsAsync(1, TimeSpan.FromSeconds(10)));
        await Task.Delay(200);

        var second = _outbound.SendAsync(_connector, Conversation, "Question 2");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 3, TimeSpan.FromMinutes(1));

        Assert.NotNull(await first);
        Assert.NotNull(await second);
        Assert.All(_connector.Hits.Skip(1), h => Assert.True(h.At > TimeSpan.Zero, $"sent at {h.At}"));
    }
}
