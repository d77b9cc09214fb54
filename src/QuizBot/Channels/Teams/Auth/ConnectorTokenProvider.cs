using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace QuizBot.Channels.Teams.Auth;

// Tokens for calls to the Bot Connector. One MSAL application for the process: it caches the token and renews
// it before expiry, so most calls cost nothing.
internal sealed class ConnectorTokenProvider
{
    public const string MsalHttpClient = "bot-auth-msal";
    public const string Scope = "https://api.botframework.com/.default";
    public const string Resource = "https://api.botframework.com";

    private readonly Lazy<Func<bool, CancellationToken, Task<AuthenticationResult>>> _acquire;

    public ConnectorTokenProvider(IOptions<BotAuthOptions> options, IHttpClientFactory httpClients)
    {
        var o = options.Value;
        _acquire = new(() => Create(o, new MsalHttpClients(httpClients)));
    }

    public async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken ct)
    {
        var result = await _acquire.Value(forceRefresh, ct);
        return result.AccessToken;
    }

    private static Func<bool, CancellationToken, Task<AuthenticationResult>> Create(BotAuthOptions o, IMsalHttpClientFactory http)
    {
        if (!o.AuthenticationEnabled)
        {
            throw new InvalidOperationException("MicrosoftAppId is not set, so there is no Bot Connector token to get.");
        }
        if (o.AppType == BotAppType.UserAssignedMSI)
        {
            var msi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.MicrosoftAppId))
                .WithHttpClientFactory(http)
                .Build();
            return (force, ct) => msi.AcquireTokenForManagedIdentity(Resource).WithForceRefresh(force).ExecuteAsync(ct);
        }
        var authority = new Uri(o.AuthorityHost, o.TokenTenant + "/");
        var app = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority(authority.AbsoluteUri)
            // The authority is known; asking Entra which clouds exist would only add a network call (and fail in tests).
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(http)
            .Build();
        return (force, ct) => app.AcquireTokenForClient([Scope]).WithForceRefresh(force).ExecuteAsync(ct);
    }

    // Lets MSAL's calls go through IHttpClientFactory: pooled handlers, and a test can swap the primary handler.
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(MsalHttpClient);
    }
}
