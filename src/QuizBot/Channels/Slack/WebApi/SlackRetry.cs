using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace QuizBot.Channels.Slack;

// Which Web API answers are worth another try, and how long to wait first. Retry-After is read here rather than by
// the library's helper because that one reads the system clock, and waits must run on the injected TimeProvider.
// A retried chat.postMessage after a timeout or a 5xx can post twice if the first attempt did land: Slack offers no
// idempotency key for bot posts, so callers that must not duplicate should record the ts they got.
internal static class SlackRetry
{
    public static RetryStrategyOptions<HttpResponseMessage> Strategy(SlackResilienceOptions options, TimeProvider time) => new()
    {
        MaxRetryAttempts = options.MaxAttempts - 1,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxWait,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxWait, time)),
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? Http.RetryAfter.From(response, time) : null),
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxWait, TimeProvider time) => outcome switch
    {
        // A transport failure or an abandoned attempt; the caller's own cancellation is neither.
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsRetryable((int)response.StatusCode) && !(Http.RetryAfter.From(response, time) > maxWait),
        _ => false,
    };

    // Slack answers ok:false with HTTP 200 for a bad request, so any 4xx but 429 is a wrong call, not a passing trouble.
    public static bool IsRetryable(int status) => status is 429 or 500 or 502 or 503 or 504;
}
