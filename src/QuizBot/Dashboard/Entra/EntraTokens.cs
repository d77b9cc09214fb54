using QuizBot.Channels.Teams.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace QuizBot.Dashboard.Entra;

// What both Entra ID sign-ins trust: the tenant's published OpenID metadata and keys (one ConfigurationManager, shared
// by the OpenID Connect handler and the Teams tab), issuers that name an allowed tenant, and lifetimes on our clock.
internal sealed class EntraTokens
{
    public const string HttpClientName = "QuizBot.Dashboard.Entra";

    // What Teams asks Entra ID for: the scope the app registration exposes for the tab's single sign-on.
    public const string TabScope = "access_as_user";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly EntraOptions _options;
    private readonly TimeProvider _time;

    public EntraTokens(IOptions<EntraOptions> options, IOptions<DashboardOptions> dashboard, IHttpClientFactory http, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        if (_options.Enabled)
        {
            var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = _options.InstanceUri.Scheme == Uri.UriSchemeHttps };
            Configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.Authority + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
            var site = new Uri(dashboard.Value.PublicBaseUrl!);
            TabAudiences = [$"api://{site.Authority}/{_options.ClientId!.Trim()}", _options.ClientId.Trim()];
        }
    }

    public IConfigurationManager<OpenIdConnectConfiguration>? Configuration { get; }

    // The Application ID URI Teams asks a token for, and the bare client id that v2 access tokens carry instead.
    public IReadOnlyList<string> TabAudiences { get; } = [];

    // The issuer must be Entra ID's for the token's own tenant, and that tenant one we serve. With "organizations" the
    // metadata's issuer is a template ({tenantid}), so the usual fixed-issuer check cannot apply.
    public string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if (!_options.Allows(tenant))
        {
            throw new SecurityTokenInvalidIssuerException($"Tenant '{tenant}' may not sign in to this dashboard.") { InvalidIssuer = issuer };
        }
        if (!string.Equals(issuer, _options.IssuerFor(tenant!), StringComparison.Ordinal))
        {
            throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' is not Entra ID's for tenant '{tenant}'.") { InvalidIssuer = issuer };
        }
        return issuer;
    }

    // The rules an id_token or access token from Entra ID is held to; the caller adds audiences and signing keys.
    public TokenValidationParameters Parameters(IEnumerable<string> audiences) => new()
    {
        ValidAudiences = audiences,
        IssuerValidator = ValidateIssuer,
        LifetimeValidator = TokenLifetime.On(_time),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TokenLifetime.Skew,
    };

    // A Teams SSO token (an Entra ID v2 access token for our API): the person's object id, or why it is refused.
    public async Task<TabIdentity> ValidateTabTokenAsync(string token, CancellationToken ct)
    {
        if (Configuration is null)
        {
            return TabIdentity.Refused("Entra ID is not configured.");
        }
        var result = await ValidateAsync(token, ct);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Entra ID rolled its keys since the last fetch (it publishes new ones well before use, and the keys are
            // fetched again every 12 hours anyway). The manager refetches in the background, at most every 5 minutes, so
            // tokens with made-up key ids cannot turn every request into a fetch; this one is refused, the next ones pass.
            Configuration.RequestRefresh();
        }
        if (!result.IsValid)
        {
            return TabIdentity.Refused($"{result.Exception?.GetType().Name}: {result.Exception?.Message}");
        }
        var claims = result.Claims;
        var scopes = claims.TryGetValue("scp", out var scp) ? scp as string ?? "" : "";
        if (!scopes.Split(' ').Contains(TabScope, StringComparer.Ordinal))
        {
            return TabIdentity.Refused($"The token does not carry the scope {TabScope}.");
        }
        return claims.TryGetValue("oid", out var oid) && oid is string { Length: > 0 } id
            ? new TabIdentity(id, null)
            : TabIdentity.Refused("The token names no object id (oid).");
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken ct)
    {
        var configuration = await Configuration!.GetConfigurationAsync(ct);
        var parameters = Parameters(TabAudiences);
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        return await _handler.ValidateTokenAsync(token, parameters);
    }
}

internal sealed record TabIdentity(string? ObjectId, string? Problem)
{
    public static TabIdentity Refused(string problem) => new(null, problem);
}
