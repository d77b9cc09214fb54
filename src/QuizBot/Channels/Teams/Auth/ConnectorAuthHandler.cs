using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Teams.Auth;

// Signs Bot Connector calls. A token goes only to a trusted service URL; a call to any other URL is refused
// outright rather than sent unsigned, because an unsigned call would fail anyway and hide the real cause.
internal sealed class ConnectorAuthHandler(IOptions<BotAuthOptions> options, TrustedServiceUrls trusted, ConnectorTokenProvider tokens)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!options.Value.AuthenticationEnabled)
        {
            // Local development: the Emulator and Agents Playground connectors take calls without a token.
            return await base.SendAsync(request, ct);
        }
        if (request.RequestUri is not { } url || !trusted.IsTrusted(url))
        {
            throw new UntrustedServiceUrlException(request.RequestUri);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(false, ct));
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        // The cached token may have been revoked or rotated early: one more try with a fresh one, then give up.
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(true, ct));
        return await base.SendAsync(request, ct);
    }
}

internal sealed class UntrustedServiceUrlException(Uri? url)
    : InvalidOperationException($"Refusing to send the Bot Connector token to {url}: that serviceUrl did not arrive in an authenticated activity " +
        "and is not Teams' connector (https://smba.trafficmanager.net/).")
{
    public Uri? Url { get; } = url;
}
