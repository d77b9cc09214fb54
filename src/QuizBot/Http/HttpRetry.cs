using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace QuizBot.Http;

// The retry every channel's outbound client uses: transport failures, abandoned attempts and the statuses the channel
// names, waiting what Retry-After asks (or exponential backoff with jitter), never longer than maxWait. Retry-After is
// read here rather than by the library's helper because that one reads the system clock, and waits must run on the
// injected TimeProvider.
internal static class HttpRetry
{
    public static RetryStrategyOptions<HttpResponseMessage> Strategy(
        int maxAttempts, TimeSpan baseDelay, TimeSpan maxWait, Func<int, bool> isRetryable, TimeProvider time,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? onRetry = null) => new()
    {
        MaxRetryAttempts = maxAttempts - 1,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = baseDelay,
        MaxDelay = maxWait,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, isRetryable, maxWait, time)),
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
        OnRetry = onRetry,
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, Func<int, bool> isRetryable, TimeSpan maxWait, TimeProvider time) =>
        outcome switch
        {
            // A transport failure or an abandoned attempt; the caller's own cancellation is neither.
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => isRetryable((int)response.StatusCode) && !(RetryAfter(response, time) > maxWait),
            _ => false,
        };

    // How long a 429 or 503 asks us to wait: seconds (what Teams and Slack send) or an HTTP date, never negative; null
    // when the answer names no wait.
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
