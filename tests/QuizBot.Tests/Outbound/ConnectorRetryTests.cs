using QuizBot.Bench.Fanout;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams;

namespace QuizBot.Tests.Outbound;

public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ThrottlingConnector _connector;
    private readonly OutboundClient _outbound;

    public ConnectorRetryTests()
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

    [Theory]
    [InlineData(412)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_retryable_answer_is_retried_after_the_seconds_in_Retry_After_and_the_message_is_delivered_once(int status)
    {
        _connector.FailNext(status, retryAfter: "10");

        var send = _outbound.SendAsync(_connector, "19:quiz@thread.v2", "Question 1");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 2, TimeSpan.FromMinutes(1));

        Assert.NotNull(await send);
        var gap = _connector.Hits[1].At - _connector.Hits[0].At;
        // Not before the connector asked; the upper bound only shows it was not some longer backoff.
        Assert.InRange(gap, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        Assert.Equal(1, _connector.Delivered("19:quiz@thread.v2"));
    }

    [Fact]
    public async Task Retry_After_given_as_an_http_date_is_honoured_on_the_injected_clock()
    {
        var date = _time.GetUtcNow().AddSeconds(20).ToString("R", CultureInfo.InvariantCulture);
        _connector.FailNext(503, retryAfter: date);

        var send = _outbound.SendAsync(_connector, "a:personal", "Question 1");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 2, TimeSpan.FromMinutes(1));

        Assert.NotNull(await send);
        Assert.InRange(_connector.Hits[1].At - _connector.Hits[0].At, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(25));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(413)]
    public async Task A_client_error_is_not_retried_and_reaches_the_caller(int status)
    {
        _connector.FailNext(status, retryAfter: "1");

        var send = _outbound.SendAsync(_connector, "a:personal", "Question 1");
        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(status, error.Status);
        Assert.False(await _connector.WaitForHitsAsync(2, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Attempts_stop_after_four_and_the_last_failure_reaches_the_caller()
    {
        for (var i = 0; i < 6; i++)
        {
            _connector.FailNext(503, retryAfter: "1");
        }

        var send = _outbound.SendAsync(_connector, "a:personal", "Question 1");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 4, TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(503, error.Status);
        Assert.False(await _connector.WaitForHitsAsync(5, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_fails_at_once_instead_of_waiting()
    {
        _connector.FailNext(429, retryAfter: "120");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _outbound.SendAsync(_connector, "a:personal", "Question 1"));

        Assert.Equal(429, error.Status);
        Assert.Single(_connector.Hits);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_with_backoff()
    {
        _connector.FailNext(0);

        var send = _outbound.SendAsync(_connector, "a:personal", "Question 1");
        await OutboundClient.AdvanceUntilAsync(_time, _connector, 2, TimeSpan.FromMinutes(1));

        Assert.NotNull(await send);
        Assert.InRange(_connector.Hits[1].At - _connector.Hits[0].At, TimeSpan.Zero, TimeSpan.FromSeconds(30.5));
        Assert.Equal(1, _connector.Delivered("a:personal"));
    }
}
