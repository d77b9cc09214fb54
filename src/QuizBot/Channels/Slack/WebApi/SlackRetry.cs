using QuizBot.Http;

namespace QuizBot.Channels.Slack;

// Which Web API answers are worth another try (the mechanism is Http/HttpRetry).
// A retried chat.postMessage after a timeout or a 5xx can post twice if the first attempt did land: Slack offers no
// idempotency key for bot posts, so callers that must not duplicate should record the ts they got.
internal static class SlackRetry
{
    public static Polly.Retry.RetryStrategyOptions<HttpResponseMessage> Strategy(SlackResilienceOptions options, TimeProvider time) =>
        HttpRetry.Strategy(options.MaxAttempts, options.BaseDelay, options.MaxWait, IsRetryable, time);

    // Slack answers ok:false with HTTP 200 for a bad request, so any 4xx but 429 is a wrong call, not a passing trouble.
    public static bool IsRetryable(int status) => status is 429 or 500 or 502 or 503 or 504;
}
