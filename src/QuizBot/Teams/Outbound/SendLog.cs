namespace QuizBot.Teams.Outbound;

// The send times reserved for one key, oldest first, in a ring that grows only as far as the largest window count:
// a quiet conversation costs a few longs, a busy one at most that many.
internal sealed class SendLog(int capacity)
{
    private long[] _times = new long[Math.Min(4, capacity)];
    private int _start;

    public int Count { get; private set; }

    public long Last => _times[(_start + Count - 1) % _times.Length];

    // The earliest time not before the last reservation (so callers keep their order) at which one more send
    // keeps every window within its count: the n-th most recent send must have left the window.
    public long EarliestSlot(IReadOnlyList<RateWindow> windows, long slackTicks, long frequency)
    {
        var at = Count == 0 ? long.MinValue : Last;
        foreach (var w in windows)
        {
            if (Count >= w.Count)
            {
                at = Math.Max(at, NthMostRecent(w.Count) + Ticks(w.Length, frequency) + slackTicks);
            }
        }
        return at;
    }

    public void Add(long time)
    {
        if (Count == _times.Length)
        {
            if (Count < capacity)
            {
                Grow();
            }
            else
            {
                _start = (_start + 1) % _times.Length;
                Count--;
            }
        }
        _times[(_start + Count) % _times.Length] = time;
        Count++;
    }

    // Seconds times a frequency of 1e9 overflow a long for an hour, hence the double.
    public static long Ticks(TimeSpan span, long frequency) => (long)(span.TotalSeconds * frequency);

    private long NthMostRecent(int n) => _times[(_start + Count - n) % _times.Length];

    private void Grow()
    {
        var bigger = new long[Math.Min(capacity, _times.Length * 2)];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = _times[(_start + i) % _times.Length];
        }
        _times = bigger;
        _start = 0;
    }
}
