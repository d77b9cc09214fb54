using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

public sealed class SlackRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SlackRateLimiter _limiter;

    public SlackRateLimiterTests() => _limiter = new SlackRateLimiter(_time);

    // Waits resume inline when a timer fires inside Advance only on a thread without a SynchronizationContext;
    // xUnit installs one, which would defer them and hide what each step released.
    private static void WithoutContext() => SynchronizationContext.SetSynchronizationContext(null);

    private List<Task> Start(int count, string method, string? channel = null) =>
        [.. Enumerable.Range(0, count).Select(_ => _limiter.WaitAsync(method, channel, CancellationToken.None).AsTask())];

    private static int Done(IEnumerable<Task> tasks) => tasks.Count(t => t.IsCompletedSuccessfully);

    [Fact]
    public void Three_posts_to_a_channel_go_at_once_and_then_one_a_second()
    {
        WithoutContext();
        var posts = Start(6, "chat.postMessage", "C1");

        Assert.Equal(3, Done(posts));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(3, Done(posts));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(4, Done(posts));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, Done(posts));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(6, Done(posts));
    }

    [Fact]
    public void A_busy_channel_does_not_hold_up_posts_to_other_channels()
    {
        WithoutContext();
        var busy = Start(10, "chat.postMessage", "C1");

        var others = Enumerable.Range(2, 50).Select(i => _limiter.WaitAsync("chat.postMessage", $"C{i}", CancellationToken.None).AsTask()).ToList();

        Assert.Equal(50, Done(others));
        Assert.Equal(3, Done(busy));
    }

    [Theory]
    [InlineData("chat.update", 5, 1200)]
    [InlineData("conversations.open", 5, 1200)]
    [InlineData("chat.postEphemeral", 10, 600)]
    [InlineData("views.publish", 10, 600)]
    [InlineData("users.info", 10, 600)]
    [InlineData("reactions.add", 3, 3000)]
    public void Each_method_gets_its_tiers_burst_and_then_its_steady_rate(string method, int burst, int intervalMs)
    {
        WithoutContext();
        var calls = Start(burst + 2, method, "C1");

        Assert.Equal(burst, Done(calls));
        _time.Advance(TimeSpan.FromMilliseconds(intervalMs - 1));
        Assert.Equal(burst, Done(calls));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(burst + 1, Done(calls));
        _time.Advance(TimeSpan.FromMilliseconds(intervalMs));
        Assert.Equal(burst + 2, Done(calls));
    }

    [Fact]
    public void Calls_to_one_method_in_different_channels_share_the_methods_workspace_limit()
    {
        WithoutContext();
        var updates = Enumerable.Range(0, 6).Select(i => _limiter.WaitAsync("chat.update", $"C{i}", CancellationToken.None).AsTask()).ToList();

        Assert.Equal(5, Done(updates));
    }

    [Fact]
    public void A_pause_holds_back_the_key_and_everything_queued_then_resumes_without_a_burst()
    {
        WithoutContext();
        _limiter.Pause("chat.update", null, TimeSpan.FromSeconds(10));
        var updates = Start(3, "chat.update");

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, Done(updates));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Done(updates));
        _time.Advance(SlackRateLimits.Tier3.Interval);
        Assert.Equal(2, Done(updates));
    }

    [Fact]
    public void A_pause_for_one_channel_leaves_other_channels_alone()
    {
        WithoutContext();
        _limiter.Pause("chat.postMessage", "C1", TimeSpan.FromSeconds(30));

        Assert.False(_limiter.WaitAsync("chat.postMessage", "C1", CancellationToken.None).AsTask().IsCompleted);
        Assert.True(_limiter.WaitAsync("chat.postMessage", "C2", CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_hold_up_the_calls_behind_it()
    {
        WithoutContext();
        Start(3, "chat.postMessage", "C1");
        using var cts = new CancellationTokenSource();
        var cancelled = _limiter.WaitAsync("chat.postMessage", "C1", cts.Token).AsTask();
        var behind = _limiter.WaitAsync("chat.postMessage", "C1", CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(behind.IsCompletedSuccessfully);
    }

    [Fact]
    public void Channels_that_fell_quiet_are_forgotten()
    {
        WithoutContext();
        for (var i = 0; i < 100; i++)
        {
            _ = _limiter.WaitAsync("chat.postMessage", $"C{i}", CancellationToken.None).AsTask();
        }
        Assert.Equal(100, _limiter.TrackedKeys);

        _time.Advance(TimeSpan.FromMinutes(2));
        _ = _limiter.WaitAsync("chat.postMessage", "C-new", CancellationToken.None).AsTask();

        Assert.Equal(1, _limiter.TrackedKeys);
    }
}
