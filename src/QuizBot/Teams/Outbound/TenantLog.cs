namespace QuizBot.Teams.Outbound;

// A tenant's reserved send times, sorted. Unlike a conversation, a tenant takes reservations out of order: a quiet
// conversation may send now while a busy one of the same tenant already holds slots seconds ahead, and it must
// not queue behind them. A time fits when no window then holds more than its count.
internal sealed class TenantLog
{
    private readonly List<long> _times = [];

    public long Last => _times.Count == 0 ? long.MinValue : _times[^1];

    // Times before this can no longer share a window with a send from now on.
    public void Forget(long before)
    {
        var keep = LowerBound(before);
        if (keep > 0)
        {
            _times.RemoveRange(0, keep);
        }
    }

    // The earliest fitting time not before `from`. Fitting only starts where an older send leaves a window,
    // so those are the only candidates after `from`; past the last of them every window has room.
    public long EarliestSlot(long from, IReadOnlyList<(int Count, long Length)> windows)
    {
        if (Fits(from, windows))
        {
            return from;
        }
        var candidates = new List<long>();
        foreach (var t in _times)
        {
            foreach (var (_, length) in windows)
            {
                if (t + length > from)
                {
                    candidates.Add(t + length);
                }
            }
        }
        candidates.Sort();
        foreach (var c in candidates)
        {
            if (Fits(c, windows))
            {
                return c;
            }
        }
        throw new InvalidOperationException("Unreachable: the last candidate always fits.");
    }

    public void Add(long time) => _times.Insert(UpperBound(time), time);

    // With `time` inserted, every run of count+1 consecutive sends must span at least the window's length;
    // only the runs that include the new time can break that.
    private bool Fits(long time, IReadOnlyList<(int Count, long Length)> windows)
    {
        var p = UpperBound(time);
        var m = _times.Count;
        foreach (var (count, length) in windows)
        {
            for (var j = Math.Max(0, p - count); j <= Math.Min(p, m - count); j++)
            {
                if (At(j + count, p, time) - At(j, p, time) < length)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private long At(int i, int p, long inserted) => i < p ? _times[i] : i == p ? inserted : _times[i - 1];

    private int LowerBound(long value)
    {
        int lo = 0, hi = _times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_times[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int UpperBound(long value)
    {
        int lo = 0, hi = _times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_times[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
