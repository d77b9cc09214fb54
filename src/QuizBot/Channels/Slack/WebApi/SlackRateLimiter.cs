namespace QuizBot.Channels.Slack;

// Keeps Web API calls within Slack's limits before they leave, so Slack rarely has to answer 429. One RateGate per
// key (a method, or chat.postMessage and a channel): keys are independent, so many channels post in parallel while
// each one is paced. Waits are TimeProvider timers, never spinning; a call within its burst passes without waiting.
internal sealed class SlackRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RateGate> _gates = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    public int TrackedKeys
    {
        get { lock (_lock) { return _gates.Count; } }
    }

    // Slack's limits are per workspace: each team has its own gates.
    public async ValueTask WaitAsync(string method, string? channel, CancellationToken ct, string? team = null)
    {
        var gate = Enter(SlackRateLimits.Key(method, channel, team), SlackRateLimits.For(method));
        try
        {
            await gate.EnterAsync(ct).ConfigureAwait(false);
            try
            {
                long wait;
                while ((wait = gate.TryTake(time.GetTimestamp())) > 0)
                {
                    await Task.Delay(RateTime.Span(wait, time.TimestampFrequency), time, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                gate.Exit();
            }
        }
        finally
        {
            Leave(gate);
        }
    }

    // Slack said 429 with Retry-After: hold the key back, for the call that got it and every call queued behind it.
    public void Pause(string method, string? channel, TimeSpan wait, string? team = null)
    {
        var gate = Enter(SlackRateLimits.Key(method, channel, team), SlackRateLimits.For(method));
        try
        {
            gate.Pause(time.GetTimestamp(), RateTime.Units(wait, time.TimestampFrequency));
        }
        finally
        {
            Leave(gate);
        }
    }

    private RateGate Enter(string key, SlackRate rate)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            SweepIfDue(now);
            if (!_gates.TryGetValue(key, out var gate))
            {
                gate = new RateGate(rate, time.TimestampFrequency, now);
                _gates.Add(key, gate);
            }
            gate.Users++;
            return gate;
        }
    }

    private void Leave(RateGate gate)
    {
        lock (_lock)
        {
            gate.Users--;
        }
    }

    // Keys follow the channels posted to: forget the ones whose bucket has refilled, so memory follows recent
    // activity rather than every channel ever seen.
    private void SweepIfDue(long now)
    {
        if (time.GetElapsedTime(_lastSweep, now) < SweepEvery)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, gate) in _gates)
        {
            if (gate.IsIdle(now))
            {
                _gates.Remove(key);
            }
        }
    }
}
