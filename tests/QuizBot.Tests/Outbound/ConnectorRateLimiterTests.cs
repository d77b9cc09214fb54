using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams.Outbound;

namespace QuizBot.Tests.Outbound;

public sealed class ConnectorRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConnectorRateLimiter _limiter;

    public ConnectorRateLimiterTests() => _limiter = new ConnectorRateLimiter(_time);

    // Waits resume inline when a timer fires inside Advance only on a thread without a SynchronizationContext;
    // xUnit installs one, which would defer them and hide what each step released.
    private static void WithoutContext() => SynchronizationContext.SetSynchronizationContext(null);

    // A single Advance fires the timers due by its end, but a wait that starts inside it starts from its end:
    // small steps let chained waits run as they would on a real clock.
    private void Step(TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += TimeSpan.FromMilliseconds(10))
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    // How far apart the limiter keeps sends for a window of this many seconds: the limit plus its margin.
    private static TimeSpan Widened(double seconds) => ConnectorRateLimits.Teams.Widen(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Seven_sends_to_one_conversation_pass_at_once_and_the_eighth_waits_for_the_one_second_window()
    {
        WithoutContext();
        var sends = Enumerable.Range(0, 8).Select(_ => _limiter.WaitAsync("conv", "tenant", CancellationToken.None)).ToList();

        Assert.All(sends.Take(7), s => Assert.True(s.IsCompletedSuccessfully));
        Assert.False(sends[7].IsCompleted);
        _time.Advance(Widened(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(sends[7].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sends[7].IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_eighth_send_waits_a_second_from_when_the_first_finished_not_from_when_it_left()
    {
        WithoutContext();
        var permits = new List<SendPermit>();
        for (var i = 0; i < 7; i++)
        {
            permits.Add(await _limiter.AcquireAsync("conv", "tenant", CancellationToken.None));
        }
        var eighth = _limiter.AcquireAsync("conv", "tenant", CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(eighth.IsCompleted);
        permits[0].Dispose();
        _time.Advance(Widened(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(eighth.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(eighth.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_hold_up_the_sends_behind_it()
    {
        WithoutContext();
        for (var i = 0; i < 7; i++)
        {
            _ = _limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();
        }
        using var cts = new CancellationTokenSource();
        var cancelled = _limiter.WaitAsync("conv", null, cts.Token).AsTask();
        var behind = _limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(Widened(2));

        Assert.True(behind.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_wait_cancelled_behind_another_waiter_does_not_hold_up_the_sends_behind_it()
    {
        WithoutContext();
        for (var i = 0; i < 7; i++)
        {
            await _limiter.WaitAsync("conv", null, CancellationToken.None);
        }
        var eighth = _limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();
        using var cts = new CancellationTokenSource();
        var cancelled = _limiter.WaitAsync("conv", null, cts.Token).AsTask();
        var tenth = _limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(tenth.IsCompleted);
        Step(TimeSpan.FromSeconds(3));

        Assert.True(eighth.IsCompletedSuccessfully);
        Assert.True(tenth.IsCompletedSuccessfully);
    }

    [Fact]
    public void The_ninth_send_waits_for_the_two_second_window_even_when_the_one_second_window_has_room()
    {
        WithoutContext();
        var sends = Enumerable.Range(0, 9).Select(_ => _limiter.WaitAsync("conv", null, CancellationToken.None)).ToList();

        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(sends[7].IsCompleted);
        Assert.False(sends[8].IsCompleted);
        _time.Advance(Widened(2) - TimeSpan.FromSeconds(1.5));
        Assert.True(sends[8].IsCompleted);
    }

    [Fact]
    public void Sixty_sends_in_thirty_seconds_is_the_most_a_conversation_gets()
    {
        WithoutContext();
        var sends = Enumerable.Range(0, 61).Select(_ => _limiter.WaitAsync("conv", null, CancellationToken.None)).ToList();

        Step(TimeSpan.FromSeconds(29));
        Assert.Equal(60, sends.Count(s => s.IsCompleted));
        _time.Advance(Widened(30) - TimeSpan.FromSeconds(29));
        Assert.True(sends[60].IsCompleted);
    }

    // A clock that runs 0.1% fast on Teams' side counts an hour of ours as 3,603.6 s: a fixed margin that is plenty for
    // the one-second windows would let the hour window's send arrive while Teams still counts the earlier one.
    [Fact]
    public void The_margin_of_a_long_window_grows_with_its_length()
    {
        WithoutContext();
        var limiter = new ConnectorRateLimiter(_time, ConnectorRateLimits.Teams with { PerConversation = [new(1, TimeSpan.FromHours(1))] });
        var first = limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();
        var second = limiter.WaitAsync("conv", null, CancellationToken.None).AsTask();

        Assert.True(first.IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(3.6) + ConnectorRateLimits.Teams.Slack - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_tenant_gets_fifty_sends_a_second_across_many_conversations()
    {
        WithoutContext();
        var sends = Enumerable.Range(0, 60).Select(i => _limiter.WaitAsync($"conv-{i}", "contoso", CancellationToken.None)).ToList();
        var otherTenant = _limiter.WaitAsync("elsewhere", "fabrikam", CancellationToken.None);

        Assert.Equal(50, sends.Count(s => s.IsCompleted));
        Assert.True(otherTenant.IsCompleted);
        _time.Advance(Widened(1));
        Assert.Equal(60, sends.Count(s => s.IsCompleted));
    }

    [Fact]
    public async Task Waiting_sends_to_a_conversation_go_out_in_the_order_they_asked()
    {
        WithoutContext();
        for (var i = 0; i < 7; i++)
        {
            await _limiter.WaitAsync("conv", null, CancellationToken.None);
        }
        var waiting = Enumerable.Range(0, 12).Select(_ => _limiter.WaitAsync("conv", null, CancellationToken.None).AsTask()).ToList();
        var releasedAtStep = new int[12];

        // The timers fire inside Advance, so each step shows exactly which sends it released.
        for (var step = 1; step <= 40; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            for (var i = 0; i < 12; i++)
            {
                if (releasedAtStep[i] == 0 && waiting[i].IsCompleted)
                {
                    releasedAtStep[i] = step;
                }
            }
        }

        Assert.DoesNotContain(0, releasedAtStep);
        Assert.Equal(releasedAtStep.Order(), releasedAtStep);
        Assert.True(releasedAtStep[^1] > releasedAtStep[0]);
    }

    [Fact]
    public void A_busy_conversation_does_not_hold_up_another_conversation()
    {
        WithoutContext();
        for (var i = 0; i < 7; i++)
        {
            _ = _limiter.WaitAsync("busy", "contoso", CancellationToken.None).AsTask();
        }
        var busyEighth = _limiter.WaitAsync("busy", "contoso", CancellationToken.None).AsTask();

        Assert.False(busyEighth.IsCompleted);
        Assert.True(_limiter.WaitAsync("quiet", "contoso", CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hold_stops_the_conversations_sends_until_it_ends_and_the_tenants_only_when_tenant_wide(bool tenantWide)
    {
        WithoutContext();
        _limiter.Hold("conv", "contoso", TimeSpan.FromSeconds(5), tenantWide);
        var held = _limiter.WaitAsync("conv", "contoso", CancellationToken.None).AsTask();
        var neighbour = _limiter.WaitAsync("neighbour", "contoso", CancellationToken.None).AsTask();

        Assert.False(held.IsCompleted);
        Assert.Equal(!tenantWide, neighbour.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(held.IsCompletedSuccessfully);
        Assert.True(neighbour.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_conversation_with_a_backlog_at_the_tenant_gate_takes_turns_with_another_conversation()
    {
        WithoutContext();
        // Fifty threads of one channel fill the tenant's second; fifty more wait behind them.
        var flood = Enumerable.Range(0, 100).Select(i => _limiter.WaitAsync($"19:a@thread.tacv2;messageid={i}", "contoso", CancellationToken.None).AsTask()).ToList();
        var other = _limiter.WaitAsync("19:b@thread.tacv2", "contoso", CancellationToken.None).AsTask();

        Assert.Equal(50, flood.Count(s => s.IsCompleted));
        Assert.False(other.IsCompleted);
        _time.Advance(Widened(1));

        // The next second is shared: the other channel goes within it, not after the flood's fifty.
        Assert.True(other.IsCompletedSuccessfully);
        Assert.Equal(99, flood.Count(s => s.IsCompleted));
    }

    [Fact]
    public async Task A_rounds_send_goes_before_the_interactive_replies_of_every_conversation_waiting_at_the_tenant_gate()
    {
        WithoutContext();
        // The tenant's second is full, and sixty other channels each wait with a reply: more than the next second holds.
        var filled = Enumerable.Range(0, 50).Select(i => _limiter.WaitAsync($"19:busy-{i}@thread.tacv2", "contoso", CancellationToken.None).AsTask()).ToList();
        var replies = Enumerable.Range(0, 60).Select(i => _limiter.WaitAsync($"19:chat-{i}@thread.tacv2", "contoso", CancellationToken.None).AsTask()).ToList();
        var close = _limiter.AcquireAsync("19:round@thread.tacv2", "contoso", CancellationToken.None, scheduled: true).AsTask();

        Assert.All(filled, s => Assert.True(s.IsCompletedSuccessfully));
        Assert.False(close.IsCompleted);
        _time.Advance(Widened(1));

        // The round's close takes the first place of the next second; the replies share the rest.
        Assert.True(close.IsCompletedSuccessfully);
        Assert.Equal(49, replies.Count(s => s.IsCompleted));
        (await close).Dispose();
    }

    [Fact]
    public async Task A_send_cancelled_while_waiting_its_turn_at_the_tenant_gate_does_not_hold_up_the_others()
    {
        WithoutContext();
        for (var i = 0; i < 50; i++)
        {
            await _limiter.WaitAsync($"conv-{i}", "contoso", CancellationToken.None);
        }
        var first = _limiter.WaitAsync("first", "contoso", CancellationToken.None).AsTask();
        using var cts = new CancellationTokenSource();
        var cancelled = _limiter.WaitAsync("cancelled", "contoso", cts.Token).AsTask();
        var last = _limiter.WaitAsync("last", "contoso", CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(Widened(1));

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(last.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_with_cancellation()
    {
        WithoutContext();
        for (var i = 0; i < 7; i++)
        {
            await _limiter.WaitAsync("conv", null, CancellationToken.None);
        }
        using var cts = new CancellationTokenSource();
        var waiting = _limiter.WaitAsync("conv", null, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
    }

    [Fact]
    public async Task Conversations_idle_for_longer_than_the_longest_window_are_forgotten()
    {
        WithoutContext();
        for (var i = 0; i < 40; i++)
        {
            await _limiter.WaitAsync($"conv-{i}", "contoso", CancellationToken.None);
        }
        Assert.Equal(40, _limiter.TrackedConversations);

        _time.Advance(TimeSpan.FromMinutes(30));
        await _limiter.WaitAsync("recent", "contoso", CancellationToken.None);
        Assert.Equal(41, _limiter.TrackedConversations);

        _time.Advance(TimeSpan.FromMinutes(31));
        await _limiter.WaitAsync("latest", "contoso", CancellationToken.None);

        Assert.Equal(2, _limiter.TrackedConversations);
        Assert.Equal(1, _limiter.TrackedTenants);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D1/activities", "19:abc@thread.v2;messageid=1")]
    [InlineData("http://localhost:56150/_connector/v3/conversations/a%3Apersonal/activities/act-7", "a:personal")]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations", null)]
    public void The_handler_reads_the_conversation_id_from_the_request_path(string url, string? expected) =>
        Assert.Equal(expected, RateLimitHandler.ConversationId(new Uri(url)));
}
