namespace QuizBot.Channels.Slack;

internal sealed class SlackResilienceOptions
{
    // Attempts in all, the first one included.
    public int MaxAttempts { get; set; } = 3;

    // First backoff step after a transport failure or a 5xx; it doubles, with jitter.
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    // A Retry-After beyond this is not waited for: the call fails at once with "ratelimited" and the caller can
    // come back later rather than hold a request open.
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    // One network attempt that takes longer is abandoned and retried. The rate limiter's wait is outside it.
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
