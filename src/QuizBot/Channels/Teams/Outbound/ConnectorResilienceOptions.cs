namespace QuizBot.Channels.Teams.Outbound;

internal sealed class ConnectorResilienceOptions
{
    // Attempts in all, the first one included.
    public int MaxAttempts { get; set; } = 4;

    // First backoff step when the connector gives no Retry-After; it doubles, with jitter.
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    // No single wait is longer: a Retry-After beyond it is not retried at all (the caller can come back later
    // instead of spending attempts on answers it was told will fail).
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    // One attempt that takes longer is abandoned and retried. The limiter's wait is outside it.
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
