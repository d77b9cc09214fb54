using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

public sealed class SlackRetryTests : SlackWireTests
{
    private Task AdvanceUntilAsync(Task task, TimeSpan limit) => Host.AdvanceUntilAsync(() => task.IsCompleted, limit);

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_on_the_injected_clock_and_then_succeeds()
    {
        Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 2);

        var post = Host.Run((api, ct) => api.PostMessageAsync("T1", "C1", "Question 1", null, ct));
        await AdvanceUntilAsync(post, TimeSpan.FromSeconds(30));

        Assert.Equal("1700000000.000100", await post);
        var calls = Slack.CallsTo("chat.postMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        // Not before Slack asked; the upper bound only shows it was not some longer backoff.
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_429_holds_back_the_next_call_to_that_method_as_well()
    {
        Slack.RateLimitNext("chat.update", retryAfterSeconds: 5);
        var ts = await Host.Api.PostMessageAsync("T1", "C1", "Question 1", null, CancellationToken.None);

        var first = Host.Run(async (api, ct) => { await api.UpdateAsync("T1", "C1", ts, "1 answer", null, ct); return 1; });
        await Host.AdvanceUntilAsync(() => Slack.CallsTo("chat.update").Count == 1, TimeSpan.FromSeconds(1));
        var second = Host.Run(async (api, ct) => { await api.UpdateAsync("T1", "C1", ts, "2 answers", null, ct); return 2; });
        await AdvanceUntilAsync(Task.WhenAll(first, second), TimeSpan.FromSeconds(30));

        var updates = Slack.CallsTo("chat.update");
        Assert.Equal([429, 200, 200], updates.Select(c => c.Status));
        Assert.All(updates.Skip(1), u => Assert.True(u.At - updates[0].At >= TimeSpan.FromSeconds(5), $"sent {u.At - updates[0].At} after the 429"));
    }

    [Fact]
    public async Task A_Retry_After_over_thirty_seconds_fails_at_once_with_ratelimited()
    {
        Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 60);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Host.Api.PostMessageAsync("T1", "C1", "Question 1", null, CancellationToken.None));

        Assert.Equal(("ratelimited", 429, TimeSpan.FromSeconds(60)), (e.Error, e.Status, e.RetryAfter!.Value));
        Assert.Single(Slack.Calls);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_passing_server_error_is_retried_after_a_backoff_and_then_succeeds(int status)
    {
        Slack.FailNextWithStatus("views.publish", status);

        var publish = Host.Run(async (api, ct) => { await api.ViewsPublishAsync("T1", "U1", new() { ["type"] = "home", ["blocks"] = new System.Text.Json.Nodes.JsonArray() }, ct); return 0; });
        await AdvanceUntilAsync(publish, TimeSpan.FromSeconds(30));

        await publish;
        Assert.Equal([status, 200], Slack.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task A_server_error_that_persists_fails_after_three_attempts_with_its_status()
    {
        for (var i = 0; i < 3; i++)
        {
            Slack.FailNextWithStatus("users.info", 503);
        }

        var lookup = Host.Run((api, ct) => api.UsersInfoAsync("T1", "U1", ct));
        await AdvanceUntilAsync(lookup, TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<SlackApiException>(() => lookup);
        Assert.Equal(("http_503", 503), (e.Error, e.Status));
        Assert.Equal(3, Slack.Calls.Count);
    }

    [Fact]
    public async Task An_ok_false_answer_is_not_retried()
    {
        Slack.FailChannel("C1", "is_archived");

        await Assert.ThrowsAsync<SlackApiException>(() => Host.Api.PostMessageAsync("T1", "C1", "Question 1", null, CancellationToken.None));
        Time.Advance(TimeSpan.FromMinutes(1));

        await Task.Delay(200);
        Assert.Single(Slack.Calls);
    }
}
