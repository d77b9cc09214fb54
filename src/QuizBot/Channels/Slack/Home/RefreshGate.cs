namespace QuizBot.Channels.Slack;

// At most one run per key every interval, and none lost: the first request runs at once, requests within the interval
// after it (or while it runs) become one trailing run when the interval is over. views.publish is metered per workspace
// (about 100 a minute), so a person clicking through answers must not spend a publish on every click, yet the last
// click must show.
internal sealed class RefreshGate(TimeProvider time, TimeSpan interval, CancellationToken stopping)
{
    // Entries past their interval and idle are dropped once the map grows this large, so it tracks recent people only.
    internal const int SweepAt = 10_000;

    private readonly Dictionary<string, Entry> _entries = [];
    private int _sweepAt = SweepAt;

    private sealed class Entry
    {
        public DateTimeOffset Last = DateTimeOffset.MinValue;
        public bool Busy;
        public bool Pending;
    }

    // Schedules the run and returns at once: now, or at the end of the key's interval. It runs in the background until
    // the service stops, never in the caller's request: views.publish waits for its rate-limit place (about 100 a minute
    // per workspace), and a burst of answers must not hold every answering request open for that wait.
    public void Request(string key, Func<CancellationToken, Task> run)
    {
        Entry entry;
        TimeSpan wait;
        lock (_entries)
        {
            Sweep();
            if (!_entries.TryGetValue(key, out entry!))
            {
                _entries[key] = entry = new Entry();
            }
            if (entry.Busy)
            {
                entry.Pending = true;
                return;
            }
            entry.Busy = true;
            wait = entry.Last + interval - time.GetUtcNow();
        }
        _ = Task.Run(() => RunAsync(entry, wait, run, stopping), CancellationToken.None);
    }

    // The caller's run reports its own failures; the entry is freed whatever happens, so a failed publish does not
    // silence the person's Home for good.
    private async Task RunAsync(Entry entry, TimeSpan wait, Func<CancellationToken, Task> run, CancellationToken ct)
    {
        var again = false;
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }
            await run(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: nothing more to publish.
        }
        finally
        {
            lock (_entries)
            {
                entry.Last = time.GetUtcNow();
                again = entry.Pending && !stopping.IsCancellationRequested;
                entry.Pending = false;
                entry.Busy = again;
            }
        }
        if (again)
        {
            // What was asked while this run read and published may not be in it: one more run, after the interval.
            _ = Task.Run(() => RunAsync(entry, interval, run, stopping), CancellationToken.None);
        }
    }

    // Entries still running or inside their interval stay, and the next sweep waits until the map has doubled: in a
    // burst every new person's entry is busy for minutes (waiting for views.publish's place), and a sweep on every click
    // past SweepAt walked them all each time.
    private void Sweep()
    {
        if (_entries.Count < _sweepAt)
        {
            return;
        }
        Sweeps++;
        var now = time.GetUtcNow();
        foreach (var (key, e) in _entries)
        {
            if (!e.Busy && e.Last + interval <= now)
            {
                _entries.Remove(key);
            }
        }
        _sweepAt = Math.Max(SweepAt, _entries.Count * 2);
    }

    // For tests: how many keys are tracked, how many of them are running or waiting to, and how many sweeps walked the map.
    internal int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    internal int Running
    {
        get
        {
            lock (_entries)
            {
                return _entries.Values.Count(e => e.Busy);
            }
        }
    }

    internal int Sweeps { get; private set; }
}
