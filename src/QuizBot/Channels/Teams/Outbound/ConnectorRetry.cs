using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams.Outbound;

// Which connector answers are worth another try, and how long to wait first. Retry-After is parsed here rather than
// by the library's helper because that one reads the system clock, and waits must run on the injected TimeProvider.
internal static class ConnectorRetry
{
    public static RetryStrategyOptions<HttpResponseMessage> Strategy(ConnectorResilienceOptions options, TimeProvider time) => new()
    {
        MaxRetryAttempts = options.MaxAttempts - 1,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxWait,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxWait, time)),
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? Http.RetryAfter.From(response, time) : null),
        OnRetry = args =>
        {
            QuizBotTelemetry.ConnectorRetried(args.Outcome.Result is { } response ? (int)response.StatusCode : 0);
            return ValueTask.CompletedTask;
        },
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxWait, TimeProvider time) => outcome switch
    {
        // A transport failure or an abandoned attempt; the caller's own cancellation is neither.
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsRetryable(response.StatusCode) && !(Http.RetryAfter.From(response, time) > maxWait),
        _ => false,
    };

    // 412 is Teams' answer to a concurrent update of the same activity; the 5xx are the gateway's passing troubles.
    // Every other 4xx says the request itself is wrong and will fail again.
    public static bool IsRetryable(HttpStatusCode status) => (int)status is 412 or 429 or 502 or 503 or 504;
}
