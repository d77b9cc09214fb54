namespace QuizBot.Channels.Teams.Outbound;

// The queue in front of one tenant's gate, taken in turn by conversation so that no conversation waits behind
// another's backlog: a flood of replies in one channel costs any other conversation at most one send per
// conversation with sends waiting, not the whole flood. The gate itself is FIFO, so its ticket is issued to one
// send at a time, chosen round-robin over the conversations with a send waiting; within one conversation, in
// call order. The threads of a Teams channel ("...;messageid=...") are one conversation here: every top-level post
// in a channel starts a thread, so a flood in a channel would otherwise be a crowd of conversations.
// Scheduled sends (a round's post, count and closed card) go before interactive replies: a tenant's flood of replies
// never delays a close, and a fan-out costs a reply at most the time the tenant's limit takes to let the fan-out pass.
// Not thread-safe: the limiter locks.
internal sealed class TenantLine(SendGate gate)
{
    private readonly Dictionary<string, Queue<TenantTurn>> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<string> _scheduledTurns = new();
    private readonly Queue<string> _turns = new();
    private Ticket? _head;

    public SendGate Gate => gate;

    // A ticket at once when nothing is ahead; else null, and the turn is woken once it holds its ticket.
    public Ticket? Join(string conversationId, bool scheduled, out TenantTurn? turn)
    {
        if (_head is null)
        {
            // Nothing in the gate, so nobody can be waiting but sends that were cancelled.
            _waiting.Clear();
            _scheduledTurns.Clear();
            _turns.Clear();
            turn = null;
            return _head = gate.Issue();
        }
        var lane = (scheduled ? "s " : "i ") + ConversationAddress.BaseId(conversationId);
        if (!_waiting.TryGetValue(lane, out var queue))
        {
            queue = new Queue<TenantTurn>();
            _waiting.Add(lane, queue);
            TurnsOf(lane).Enqueue(lane);
        }
        turn = new TenantTurn();
        queue.Enqueue(turn);
        return null;
    }

    // The ticket in the gate has left it (passed or cancelled): the next conversation in turn gets the next one.
    public void Advance(Ticket left, List<TaskCompletionSource> wake)
    {
        if (!ReferenceEquals(left, _head))
        {
            return;
        }
        _head = null;
        while (_scheduledTurns.TryDequeue(out var lane) || _turns.TryDequeue(out lane))
        {
            var queue = _waiting[lane];
            while (queue.TryDequeue(out var turn))
            {
                if (turn.Withdrawn)
                {
                    continue;
                }
                turn.Ticket = _head = gate.Issue();
                wake.Add(turn.Ready);
                if (queue.Count > 0)
                {
                    TurnsOf(lane).Enqueue(lane);
                }
                else
                {
                    _waiting.Remove(lane);
                }
                return;
            }
            _waiting.Remove(lane);
        }
    }

    private Queue<string> TurnsOf(string lane) => lane[0] == 's' ? _scheduledTurns : _turns;
}

// A send waiting for its conversation's turn at the tenant's gate.
internal sealed class TenantTurn
{
    public TaskCompletionSource Ready { get; } = new();

    public Ticket? Ticket { get; set; }

    public bool Withdrawn { get; set; }
}
