namespace QuizBot.Channels.Teams.Outbound;

// Keeps the bot's sends within Teams' limits before they leave, so the connector rarely has to answer 429.
// A send first passes its conversation's gate, FIFO, then its tenant's (so a send held back by its own conversation
// does not hold a tenant place), where conversations take turns (TenantLine); see SendGate for the windows. A 429
// holds a gate until the connector's Retry-After (Hold). Waits are on TimeProvider timers or on the earlier send's
// completion, never spinning; a send far from the limits passes without allocating a task.
internal sealed class ConnectorRateLimiter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SendGate> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TenantLine> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly (int Count, long Length)[] _conversationWindows;
    private readonly (int Count, long Length)[] _tenantWindows;
    private long _lastSweep;

    public ConnectorRateLimiter(TimeProvider time) : this(time, ConnectorRateLimits.Teams)
    {
    }

    public ConnectorRateLimiter(TimeProvider time, ConnectorRateLimits limits)
    {
        _time = time;
        _conversationWindows = Ticks(limits.PerConversation, limits);
        _tenantWindows = Ticks(limits.PerTenant, limits);
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
    // scheduled: a round's own send, which goes before interactive replies at the tenant's gate (TenantLine).
    public async ValueTask<SendPermit> AcquireAsync(string conversationId, string? tenantId, CancellationToken ct, bool scheduled = false)
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
            await PassAsync(conversation, conversationTicket, null, ct).ConfigureAwait(false);
            if (tenantId is not null && _tenantWindows.Length > 0)
            {
                TenantLine tenant;
                Ticket? tenantTicket;
                TenantTurn? turn;
                lock (_lock)
                {
                    tenant = Line(tenantId);
                    tenantTicket = tenant.Join(conversationId, scheduled, out turn);
                }
                if (turn is not null)
                {
                    tenantTicket = await TurnAsync(tenant, turn, permit, ct).ConfigureAwait(false);
                }
                permit.Add(tenant.Gate, tenantTicket!);
                await PassAsync(tenant.Gate, tenantTicket!, tenant, ct).ConfigureAwait(false);
            }
            return permit;
        }
        catch
        {
            permit.Dispose();
            throw;
        }
    }

    // Waits for the conversation's turn at the tenant's gate. Cancelled before it came: the turn is withdrawn; cancelled
    // as it came: the ticket is handed on at once, so the conversations behind do not wait for it.
    private async ValueTask<Ticket> TurnAsync(TenantLine tenant, TenantTurn turn, SendPermit permit, CancellationToken ct)
    {
        try
        {
            await turn.Ready.Task.WaitAsync(ct).ConfigureAwait(false);
            return turn.Ticket!;
        }
        catch (OperationCanceledException)
        {
            var wake = new List<TaskCompletionSource>();
            lock (_lock)
            {
                turn.Withdrawn = true;
                if (turn.Ticket is { } ticket)
                {
                    permit.Add(tenant.Gate, ticket);
                    tenant.Gate.Leave(ticket, wake);
                    tenant.Advance(ticket, wake);
                }
            }
            WakeAll(wake);
            throw;
        }
    }

    private async ValueTask PassAsync(SendGate gate, Ticket ticket, TenantLine? line, CancellationToken ct)
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
                if (wait is null)
                {
                    line?.Advance(ticket, wake);
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

    // After a 429, every later send to that conversation (and, for a tenant-wide 429, the tenant) waits until the
    // connector said it may: the one request's retry waiting is not enough, the others would only earn 429s too.
    public void Hold(string conversationId, string? tenantId, TimeSpan wait, bool tenantWide)
    {
        var until = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
        lock (_lock)
        {
            Gate(_conversations, conversationId, _conversationWindows).HoldUntil(until);
            if (tenantWide && tenantId is not null && _tenantWindows.Length > 0)
            {
                Line(tenantId).Gate.HoldUntil(until);
            }
        }
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

    private TenantLine Line(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var line))
        {
            line = new TenantLine(new SendGate(_tenantWindows));
            _tenants.Add(tenantId, line);
        }
        return line;
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
        foreach (var (key, line) in _tenants)
        {
            // A send waits in the line only while another holds the gate, so an idle gate has an empty line.
            if (line.Gate.IsIdle(now))
            {
                _tenants.Remove(key);
            }
        }
    }

    // Each window a little wider than Teams' limit, for Teams counting on its own clock (ConnectorRateLimits.Widen).
    private (int Count, long Length)[] Ticks(IReadOnlyList<RateWindow> windows, ConnectorRateLimits limits) =>
        [.. windows.Select(w => (w.Count, (long)Math.Ceiling(limits.Widen(w.Length).Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond)))];
}
