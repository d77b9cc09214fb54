namespace QuizBot.Teams.Outbound;

// Sits inside the retry handler so that every attempt, retries included, takes a slot: the connector counts each
// request it receives, not each message the bot meant to send.
internal sealed class RateLimitHandler(ConnectorRateLimiter limiter) : DelegatingHandler
{
    private const string Marker = "/v3/conversations/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ConversationId(request.RequestUri) is { } conversationId)
        {
            request.Options.TryGetValue(ConnectorRequest.Tenant, out var tenant);
            await limiter.WaitAsync(conversationId, tenant, cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
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
