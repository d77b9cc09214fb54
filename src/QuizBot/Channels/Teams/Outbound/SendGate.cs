namespace QuizBot.Channels.Teams.Outbound;

// One key's sends (a conversation or a tenant) in call order. Ticket k may go once ticket k-1 has gone (FIFO) and,
// for each window (N, W), ticket k-N has finished at least W ago. "Finished" is when its response came back, the
// latest moment the connector can have counted it, so the windows hold whatever the latency: pacing by departure
// alone lets a slow early send land in the same window as a fast later one. Not thread-safe: the limiter locks.
internal sealed class SendGate((int Count, long Length)[] windows)
{
    private readonly List<Ticket> _tickets = [];
    private readonly int _depth = windows.Max(w => w.Count);
    private readonly long _longest = windows.Max(w => w.Length);
    private long _base;
    private long _next;
    private long _head;
    private int _unfinished;
    private long _lastFinished = long.MinValue;
    private long _heldUntil = long.MinValue;

    public Ticket Issue()
    {
        var ticket = new Ticket(_next++);
        _tickets.Add(ticket);
        _unfinished++;
        return ticket;
    }

    // Null when the ticket may go now (it has then left the queue); else a task to await or a time to wait for.
    public (Task? Signal, long Until)? TryPass(Ticket t, long now, List<TaskCompletionSource> wake)
    {
        if (t.Number != _head)
        {
            // The nearest earlier ticket still queued (the head is one): a cancelled one has already gone, and
            // waiting on it would spin.
            var before = t.Number - 1;
            while (At(before).Left)
            {
                before--;
            }
            return (At(before).Gone, 0);
        }
        var until = _heldUntil;
        foreach (var (count, length) in windows)
        {
            var back = t.Number - count;
            if (back < _base)
            {
                continue;
            }
            var earlier = At(back);
            if (earlier.FinishedAt is not { } finished)
            {
                return (earlier.Finished, 0);
            }
            until = Math.Max(until, finished + length);
        }
        if (until > now)
        {
            return (null, until);
        }
        Leave(t, wake);
        return null;
    }

    // A ticket leaves the queue by passing or by being cancelled; either way the next one may try.
    // Waiters to wake are collected, to be woken once the limiter's lock is released.
    public void Leave(Ticket t, List<TaskCompletionSource> wake)
    {
        t.Left = true;
        t.Wake(gone: true, wake);
        while (_head < _next && At(_head).Left)
        {
            _head++;
        }
        // Tickets more than the deepest window behind the head are no longer anyone's k-N.
        var drop = _head - _depth - _base;
        if (drop > 0)
        {
            _tickets.RemoveRange(0, (int)drop);
            _base += drop;
        }
    }

    // Nothing passes before then (the connector answered 429 with that Retry-After); an earlier hold is never shortened.
    public void HoldUntil(long until) => _heldUntil = Math.Max(_heldUntil, until);

    public void Finish(Ticket t, long now, List<TaskCompletionSource> wake)
    {
        if (t.FinishedAt is not null)
        {
            return;
        }
        t.FinishedAt = now;
        t.Wake(gone: false, wake);
        _unfinished--;
        _lastFinished = Math.Max(_lastFinished, now);
    }

    // Nothing waiting or in flight, the last send has left every window and no hold remains: the gate can be forgotten.
    public bool IsIdle(long now) => _head == _next && _unfinished == 0 && _lastFinished + _longest <= now && _heldUntil <= now;

    private Ticket At(long number) => _tickets[(int)(number - _base)];
}

internal sealed class Ticket(long number)
{
    private TaskCompletionSource? _gone;
    private TaskCompletionSource? _finished;

    public long Number { get; } = number;

    public bool Left { get; set; }

    public long? FinishedAt { get; set; }

    // Made only when someone waits, so a send far from the limits allocates no task. Continuations may run inline
    // when woken, which is why waking happens outside the limiter's lock.
    public Task Gone => Left ? Task.CompletedTask : (_gone ??= new TaskCompletionSource()).Task;

    public Task Finished => FinishedAt is not null ? Task.CompletedTask : (_finished ??= new TaskCompletionSource()).Task;

    public void Wake(bool gone, List<TaskCompletionSource> wake)
    {
        if ((gone ? _gone : _finished) is { } waiter)
        {
            wake.Add(waiter);
        }
    }
}
