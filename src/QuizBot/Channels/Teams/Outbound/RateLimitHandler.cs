using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams.Outbound;

// Sits inside the retry handler so that every attempt, retries included, takes a place: the connector counts each
// request it receives, not each message the bot meant to send. The place is held until the response is back.
internal sealed class RateLimitHandler(ConnectorRateLimiter limiter) : DelegatingHandler
{
    private const string Marker = "/v3/conversations/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ConversationId(request.RequestUri) is { } conversationId)
        {
            request.Options.TryGetValue(ConnectorRequest.Tenant, out var tenant);
            using var permit = await limiter.AcquireAsync(conversationId, tenant, cancellationToken);
            return Counted(await base.SendAsync(request, cancellationToken));
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
