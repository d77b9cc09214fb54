namespace QuizBot.Channels.Slack;

// How long to wait before the next connection attempt: 1 s, doubling to at most 30 s while attempts keep failing,
// back to the start once a connection has said hello. A Slack that is down is asked twice a minute, not in a loop.
internal sealed class SocketBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    private TimeSpan _next = First;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 < Max ? _next * 2 : Max;
        return delay;
    }

    public void Reset() => _next = First;
}
