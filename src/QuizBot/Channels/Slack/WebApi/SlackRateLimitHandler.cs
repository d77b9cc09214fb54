namespace QuizBot.Channels.Slack;

// Inside the retry handler, so every attempt, retries included, takes a place: Slack counts the requests it receives.
// A 429 pauses the key for its Retry-After, so the calls queued behind it wait as well instead of collecting 429s.
internal sealed partial class SlackRateLimitHandler(SlackRateLimiter limiter, TimeProvider time, ILogger<SlackRateLimitHandler> log) : DelegatingHandler
{
    // When Slack says 429 without saying how long: its usual answer is a few seconds.
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SlackRequestOptions.Method, out var method) || method is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        request.Options.TryGetValue(SlackRequestOptions.Channel, out var channel);
        request.Options.TryGetValue(SlackRequestOptions.Team, out var team);
        await limiter.WaitAsync(method, channel, cancellationToken, team);
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            var wait = Http.HttpRetry.RetryAfter(response, time) ?? DefaultPause;
            limiter.Pause(method, channel, wait, team);
            LogRateLimited(log, method, channel, wait.TotalSeconds);
        }
        return response;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack rate-limited {Method} (channel {Channel}) for {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, string? channel, double seconds);
}
