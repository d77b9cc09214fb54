namespace QuizBot.Tests.Support;

// Failures on demand, answered as Slack answers them; Answer checks these before anything else.
public sealed partial class SlackStandIn
{
    private readonly Dictionary<string, int> _rateLimitNext = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<int>> _statusNext = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failedChannels = new(StringComparer.Ordinal);

    // The next call to that method answers 429 with Retry-After in seconds and {"ok":false,"error":"ratelimited"}.
    public void RateLimitNext(string method, int retryAfterSeconds)
    {
        lock (_lock) { _rateLimitNext[method] = retryAfterSeconds; }
    }

    // The next call to that method answers this HTTP status (a 5xx, say) with an HTML error page, as a proxy would.
    public void FailNextWithStatus(string method, int status)
    {
        lock (_lock)
        {
            if (!_statusNext.TryGetValue(method, out var queue))
            {
                _statusNext[method] = queue = new Queue<int>();
            }
            queue.Enqueue(status);
        }
    }

    // Every call naming this channel answers ok:false with this error (channel_not_found, is_archived, ...) from now on.
    public void FailChannel(string channel, string error)
    {
        lock (_lock) { _failedChannels[channel] = error; }
    }
}
