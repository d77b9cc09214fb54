using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams.Outbound;

// Sits inside the retry handler so that every attempt, retries included, takes a place: the connector counts each
// request it receives, not each message the bot meant to send. The place is held until the response is back. A 429
// holds the conversation's gate (and the tenant's, when the connector names the tenant) for its Retry-After, or
// defaultHold without one, at most maxHold (the retry handler does not wait longer for the request either).
internal sealed class RateLimitHandler(ConnectorRateLimiter limiter, TimeProvider time, TimeSpan defaultHold, TimeSpan maxHold) : DelegatingHandler
{
    private const string Marker = "/v3/conversations/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ConversationId(request.RequestUri) is { } conversationId)
        {
            request.Options.TryGetValue(ConnectorRequest.Tenant, out var tenant);
            request.Options.TryGetValue(ConnectorRequest.Scheduled, out var scheduled);
            using var permit = await limiter.AcquireAsync(conversationId, tenant, cancellationToken, scheduled);
            var response = Counted(await base.SendAsync(request, cancellationToken));
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                limiter.Hold(conversationId, tenant, HoldFor(response), await TenantWideAsync(response, cancellationToken));
            }
            return response;
        }
        return Counted(await base.SendAsync(request, cancellationToken));
    }

    // Every attempt passes here, so each 429 is counted once, whether the retry above then waits for it or gives up.
    private static HttpResponseMessage Counted(HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            QuizBotTelemetry.ConnectorThrottledOnce();
        }
        return response;
    }

    private TimeSpan HoldFor(HttpResponseMessage response)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => defaultHold,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > maxHold ? maxHold : wait;
    }

    // The connector's 429 body says which limit was hit only in words: one that names the tenant (or the bot's limit
    // across conversations) holds every conversation of the tenant; any other holds the one conversation. The body is
    // buffered, so the caller still reads it.
    private static async Task<bool> TenantWideAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Contains("tenant", StringComparison.OrdinalIgnoreCase);
    }

    // The segment after v3/conversations/, decoded: ids carry ':', '@', ';' and '=' that the client escaped.
    // Creating a conversation (POST v3/conversations) has none and passes unlimited.
    internal static string? ConversationId(Uri? url)
    {
        if (url is null)
        {
            return null;
        }
        var path = url.AbsolutePath;
        var start = path.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }
        start += Marker.Length;
        var end = path.IndexOf('/', start);
        var segment = end < 0 ? path[start..] : path[start..end];
        return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
    }
}
