namespace QuizBot.Channels.Teams.Outbound;

// Keeps the bot's sends within Teams' limits before they leave, so the connector rarely has to answer 429.
// A send first passes its conversation's gate, then its tenant's (so a send held back by its own conversation
// does not hold a tenant place), each FIFO; see SendGate for the rule. Waits are on TimeProvider timers or on the
// earlier send's completion, never spinning; a send far from the limits passes without allocating a task.
internal sealed class ConnectorRateLimiter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SendGate> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SendGate> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly (int Count, long Length)[] _conversationWindows;
    private readonly (int Count, long Length)[] _tenantWindows;
    private long _lastSweep;

    public ConnectorRateLimiter(TimeProvider time) : this(time, ConnectorRateLimits.Teams)
    {
    }

    public ConnectorRateLimiter(TimeProvider time, ConnectorRateLimits limits)
    {
        _time = time;
        _conversationWindows = Ticks(limits.PerConversation, limits.Slack);
        _tenantWindows = Ticks(limits.PerTenant, limits.Slack);
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

    // For a caller that cannot report when its send finished: the send counts as finished when it leaves, which
    // paces departures only. RateLimitHandler uses AcquireAsync.
    public async ValueTask WaitAsync(string conversationId, string? tenantId, CancellationToken ct)
    {
        using var permit = await AcquireAsync(conversationId, tenantId, ct).ConfigureAwait(false);
    }

    // Dispose the permit when the response has come back (or the send failed): that moment anchors the windows.
    public async ValueTask<SendPermit> AcquireAsync(string conversationId, string? tenantId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        SendGate conversation;
        Ticket conversationTicket;
        lock (_lock)
        {
            SweepIfDue(_time.GetTimestamp());
            conversation = Gate(_conversations, conversationId, _conversationWindows);
            conversationTicket = conversation.Issue();
        }
        var permit = new SendPermit(this);
        permit.Add(conversation, conversationTicket);
        try
        {
            await PassAsync(conversation, conversationTicket, ct).ConfigureAwait(false);
            if (tenantId is not null && _tenantWindows.Length > 0)
            {
                SendGate tenant;
                Ticket tenantTicket;
                lock (_lock)
                {
                    tenant = Gate(_tenants, tenantId, _tenantWindows);
                    tenantTicket = tenant.Issue();
                }
                permit.Add(tenant, tenantTicket);
                await PassAsync(tenant, tenantTicket, ct).ConfigureAwait(false);
            }
            return permit;
        }
        catch
        {
            permit.Dispose();
            throw;
        }
    }

    private async ValueTask PassAsync(SendGate gate, Ticket ticket, CancellationToken ct)
    {
        var wake = new List<TaskCompletionSource>();
        while (true)
        {
            (Task? Signal, long Until)? wait;
            var now = _time.GetTimestamp();
            lock (_lock)
            {
                wait = ct.IsCancellationRequested ? null : gate.TryPass(ticket, now, wake);
                if (ct.IsCancellationRequested)
                {
                    gate.Leave(ticket, wake);
                }
            }
            WakeAll(wake);
            ct.ThrowIfCancellationRequested();
            if (wait is not { } w)
            {
                return;
            }
            try
            {
                await (w.Signal is { } signal
                    ? signal.WaitAsync(ct)
                    : Task.Delay(_time.GetElapsedTime(now, w.Until), _time, ct)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Loop once more to leave the queue under the lock, then rethrow.
            }
        }
    }

    internal void Finish(SendGate gate, Ticket ticket)
    {
        var wake = new List<TaskCompletionSource>();
        lock (_lock)
        {
            gate.Finish(ticket, _time.GetTimestamp(), wake);
        }
        WakeAll(wake);
    }

    private static void WakeAll(List<TaskCompletionSource> wake)
    {
        foreach (var waiter in wake)
        {
            waiter.TrySetResult();
        }
        wake.Clear();
    }

    private static SendGate Gate(Dictionary<string, SendGate> gates, string key, (int, long)[] windows)
    {
        if (!gates.TryGetValue(key, out var gate))
        {
            gate = new SendGate(windows);
            gates.Add(key, gate);
        }
        return gate;
    }

    // A gate with nothing waiting or in flight whose last send has left every window constrains nothing: forget
    // it, so memory follows the conversations active in the last hour rather than every one ever seen.
    private void SweepIfDue(long now)
    {
        if (_time.GetElapsedTime(_lastSweep, now) < SweepEvery)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, gate) in _conversations)
        {
            if (gate.IsIdle(now))
            {
                _conversations.Remove(key);
            }
        }
        foreach (var (key, gate) in _tenants)
        {
            if (gate.IsIdle(now))
            {
                _tenants.Remove(key);
            }
        }
    }

    // The slack widens each window a little, for timer and clock granularity on either side.
    private (int Count, long Length)[] Ticks(IReadOnlyList<RateWindow> windows, TimeSpan slack) =>
        [.. windows.Select(w => (w.Count, (long)((w.Length + slack).TotalSeconds * _time.TimestampFrequency)))];
}
