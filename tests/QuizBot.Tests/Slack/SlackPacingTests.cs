
namespace QuizBot.Tests.Slack;

// The limiter as it runs inside the HTTP client, against the stand-in, on one fake clock.
public sealed class SlackPacingTests : SlackWireTests
{
    [Fact]
    public async Task Posts_to_one_channel_go_about_one_a_second_while_another_channel_is_not_held_up()
    {
        var start = Time.GetUtcNow();
        var busy = Enumerable.Range(1, 6).Select(i => Host.Run((api, ct) => api.PostMessageAsync("T1", "C-busy", $"Question {i}", null, ct))).ToList();
        var other = Host.Run((api, ct) => api.PostMessageAsync("T1", "C-other", "Question 1", null, ct));

        var all = Task.WhenAll(busy.Append(other));
        await Host.AdvanceUntilAsync(() => all.IsCompleted, TimeSpan.FromSeconds(30));
        await all;

        var toOther = Assert.Single(Slack.Calls, c => c["channel"] == "C-other");
        Assert.Equal(start, toOther.At);
        var toBusy = Slack.Calls.Where(c => c["channel"] == "C-busy").Select(c => c.At - start).ToList();
        Assert.Equal(6, toBusy.Count);
        // A burst of three, then one a second; a step of the fake clock (0.1 s) is the only slack.
        Assert.All(toBusy.Take(3), at => Assert.Equal(TimeSpan.Zero, at));
        for (var i = 3; i < 6; i++)
        {
            Assert.InRange(toBusy[i], TimeSpan.FromSeconds(i - 2), TimeSpan.FromSeconds(i - 2) + TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task A_retry_after_a_429_queues_behind_no_one_and_keeps_the_channels_pace()
    {
        Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 3);

        var first = Host.Run((api, ct) => api.PostMessageAsync("T1", "C1", "Question 1", null, ct));
        await Host.AdvanceUntilAsync(() => first.IsCompleted, TimeSpan.FromSeconds(30));
        var second = Host.Run((api, ct) => api.PostMessageAsync("T1", "C1", "Question 2", null, ct));
        await Host.AdvanceUntilAsync(() => second.IsCompleted, TimeSpan.FromSeconds(30));

        var calls = Slack.CallsTo("chat.postMessage");
        Assert.Equal([429, 200, 200], calls.Select(c => c.Status));
        var times = calls.Select(c => c.At - calls[0].At).ToList();
        Assert.InRange(times[1], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        // No burst straight after a 429: the pause ends with an empty bucket, so the post after the retry waits its
        // second, counted from the end of the pause (a full burst would have let it go with the retry).
        Assert.True(times[2] >= TimeSpan.FromSeconds(4), $"second post {times[2]} after the 429");
    }
}
