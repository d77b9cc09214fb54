namespace QuizBot.Channels.Teams.Outbound;

// A place in the conversation's and the tenant's windows. Dispose it once the response is back or the send failed.
internal sealed class SendPermit(ConnectorRateLimiter limiter) : IDisposable
{
    private readonly List<(SendGate Gate, Ticket Ticket)> _places = new(2);

    internal void Add(SendGate gate, Ticket ticket) => _places.Add((gate, ticket));

    public void Dispose()
    {
        foreach (var (gate, ticket) in _places)
        {
            limiter.Finish(gate, ticket);
        }
    }
}
