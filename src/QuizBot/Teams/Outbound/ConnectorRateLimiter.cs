namespace QuizBot.Teams.Outbound;

// Keeps the bot's sends within Teams' limits before they leave, so the connector rarely has to answer 429.
// Each caller reserves the earliest slot that fits both its conversation's and its tenant's windows, then waits
// for it on a timer: a conversation's sends get slots in call order (FIFO), nobody spins, and a caller far from
// the limits gets a completed ValueTask. A cancelled wait keeps its slot, which can only make later sends wait a
// little longer, never exceed a limit.
internal sealed class ConnectorRateLimiter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SendLog> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TenantLog> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<RateWindow> _conversationWindows;
    private readonly (int Count, long Length)[] _tenantWindows;
    private readonly long _slack;
    private readonly long _conversationIdle;
    private readonly long _tenantIdle;
    private readonly int _conversationCapacity;
    private long _lastSweep;

    public ConnectorRateLimiter(TimeProvider time) : this(time, ConnectorRateLimits.Teams)
    {
    }

    public ConnectorRateLimiter(TimeProvider time, ConnectorRateLimits limits)
    {
        _time = time;
        var frequency = time.TimestampFrequency;
        _slack = SendLog.Ticks(limits.Slack, frequency);
        _conversationWindows = limits.PerConversation;
        _conversationCapacity = limits.PerConversation.Max(w => w.Count);
        _conversationIdle = SendLog.Ticks(limits.PerConversation.Max(w => w.Length), frequency) + _slack;
        _tenantWindows = [.. limits.PerTenant.Select(w => (w.Count, SendLog.Ticks(w.Length, frequency) + _slack))];
        _tenantIdle = _tenantWindows.Length == 0 ? 0 : _tenantWindows.Max(w => w.Length);
        _lastSweep = time.GetTimestamp();
    }

    public int TrackedConversations
    {
        get { lock (_lock) { return _conversations.Count; } }
    }

    public int TrackedTenants
    {
        get { lock (_lock) { return _tenants.Count; } }
    }

    public ValueTask WaitAsync(string conversationId, string? tenantId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = _time.GetTimestamp();
        long at;
        lock (_lock)
        {
            SweepIfDue(now);
            if (!_conversations.TryGetValue(conversationId, out var conversation))
            {
                conversation = new SendLog(_conversationCapacity);
                _conversations.Add(conversationId, conversation);
            }
            at = Math.Max(now, conversation.EarliestSlot(_conversationWindows, _slack, _time.TimestampFrequency));
            if (tenantId is not null && _tenantWindows.Length > 0)
            {
                if (!_tenants.TryGetValue(tenantId, out var tenant))
                {
                    tenant = new TenantLog();
                    _tenants.Add(tenantId, tenant);
                }
                tenant.Forget(now - _tenantIdle);
                at = tenant.EarliestSlot(at, _tenantWindows);
                tenant.Add(at);
            }
            conversation.Add(at);
        }
        return at <= now ? ValueTask.CompletedTask : new ValueTask(Task.Delay(_time.GetElapsedTime(now, at), _time, ct));
    }

    // A key whose last send is older than its longest window constrains nothing: forget it, so memory follows
    // the conversations active in the last hour rather than every conversation ever seen.
    private void SweepIfDue(long now)
    {
        if (_time.GetElapsedTime(_lastSweep, now) < SweepEvery)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, log) in _conversations)
        {
            if (log.Last + _conversationIdle <= now)
            {
                _conversations.Remove(key);
            }
        }
        foreach (var (key, log) in _tenants)
        {
            if (log.Last + _tenantIdle <= now)
            {
                _tenants.Remove(key);
            }
        }
    }
}
