namespace QuizBot.Channels.Slack;

// One key's pacing, as a GCRA (a token bucket kept as a single time): "next" is when the bucket would be empty again.
// A call may go once now >= next - tolerance, and each call pushes next on by one interval. Callers pass one at a time
// through the gate's turn, in arrival order, so only the head of the queue ever waits on a timer and a pause set
// meanwhile (a 429) applies to it and to everyone behind it. Times are TimeProvider timestamps.
internal sealed class RateGate
{
    private readonly Lock _lock = new();
    private readonly long _interval;
    private readonly long _tolerance;
    private readonly Queue<TaskCompletionSource> _queue = new();
    private bool _held;
    private long _next;

    public RateGate(SlackRate rate, long frequency, long now)
    {
        _interval = Math.Max(1, RateTime.Units(rate.Interval, frequency));
        _tolerance = _interval * Math.Max(0, rate.Burst - 1);
        _next = now;
    }

    // Callers holding or waiting for the gate; the limiter forgets a gate only when none are left. Guarded by the limiter.
    public int Users { get; set; }

    // The turn, first come first served. The waiter is woken on the releasing thread rather than queued to the pool, so
    // the next caller has taken its place or set its timer before Exit returns (which keeps fake-clock tests exact).
    public async Task EnterAsync(CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return;
            }
            waiter = new TaskCompletionSource();
            _queue.Enqueue(waiter);
        }
        // A cancelled waiter stays queued and is skipped by Exit.
        using (ct.Register(() => waiter.TrySetCanceled(ct)))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    public void Exit()
    {
        while (true)
        {
            TaskCompletionSource? next;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _held = false;
                    return;
                }
            }
            // Fails only for a waiter cancelled meanwhile: the turn goes to the one after it.
            if (next.TrySetResult())
            {
                return;
            }
        }
    }

    // 0 when the call may go now (its place is then taken); otherwise how many timestamp units to wait first.
    public long TryTake(long now)
    {
        lock (_lock)
        {
            var earliest = _next - _tolerance;
            if (now < earliest)
            {
                return earliest - now;
            }
            _next = Math.Max(_next, now) + _interval;
            return 0;
        }
    }

    // Slack answered 429: nothing goes before now + wait, and then no burst: one per interval, as from an empty bucket.
    public void Pause(long now, long wait)
    {
        lock (_lock)
        {
            _next = Math.Max(_next, now + wait + _tolerance);
        }
    }

    // A full bucket and nobody queued: the gate is as good as new and can be dropped.
    public bool IsIdle(long now)
    {
        lock (_lock)
        {
            return Users == 0 && !_held && _next <= now;
        }
    }
}
