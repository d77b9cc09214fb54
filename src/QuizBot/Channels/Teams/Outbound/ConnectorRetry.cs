using QuizBot.Http;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams.Outbound;

// Which connector answers are worth another try (the mechanism is Http/HttpRetry); each retry is counted.
internal static class ConnectorRetry
{
    public static Polly.Retry.RetryStrategyOptions<HttpResponseMessage> Strategy(ConnectorResilienceOptions options, TimeProvider time) =>
        HttpRetry.Strategy(options.MaxAttempts, options.BaseDelay, options.MaxWait, IsRetryable, time, args =>
        {
            QuizBotTelemetry.ConnectorRetried(args.Outcome.Result is { } response ? (int)response.StatusCode : 0);
            return ValueTask.CompletedTask;
        });

    // 412 is Teams' answer to a concurrent update of the same activity; the 5xx are the gateway's passing troubles.
    // Every other 4xx says the request itself is wrong and will fail again.
    public static bool IsRetryable(int status) => status is 412 or 429 or 502 or 503 or 504;
}
