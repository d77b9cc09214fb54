using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

// The gate in front of each person's App Home publish: it forgets idle people once it tracks many, and a burst of new
// people (each waiting minutes for views.publish's place) must not make every further click walk all of them.
public sealed class RefreshGateTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task People_past_their_interval_are_forgotten_once_the_gate_tracks_many()
    {
        var time = new FakeTimeProvider();
        var gate = new RefreshGate(time, Interval, CancellationToken.None);
        using var done = new CountdownEvent(RefreshGate.SweepAt);
        for (var i = 0; i < RefreshGate.SweepAt; i++)
        {
            gate.Request($"U{i}", _ =>
            {
                done.Signal();
                return Task.CompletedTask;
            });
        }
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));
        await WaitIdleAsync(gate);

        time.Advance(Interval);
        gate.Request("U-new", _ => Task.CompletedTask);

        Assert.Equal(1, gate.Count);
    }

    [Fact]
    public void A_burst_of_people_still_waiting_is_walked_once_per_doubling_not_once_per_click()
    {
        var time = new FakeTimeProvider();
        var gate = new RefreshGate(time, Interval, CancellationToken.None);
        var waiting = new TaskCompletionSource();
        for (var i = 0; i < RefreshGate.SweepAt + 5_000; i++)
        {
            gate.Request($"U{i}", _ => waiting.Task);
        }

        Assert.Equal(RefreshGate.SweepAt + 5_000, gate.Count);
        Assert.Equal(1, gate.Sweeps);
        waiting.SetResult();
    }

    // Each run frees its entry right after it returns, on a pool thread.
    private static async Task WaitIdleAsync(RefreshGate gate)
    {
        for (var i = 0; i < 3_000 && gate.Running > 0; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(0, gate.Running);
    }
}
