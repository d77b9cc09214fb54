using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace QuizBot.Dashboard.Entra;

// Entra ID sign-in: the OpenID Connect authorization code flow (with PKCE, the code redeemed with the client secret),
// answered by form_post. The handler checks state, nonce, the id_token's signature, audience and lifetime; the issuer
// check (EntraTokens) holds the tenant. The ticket then becomes a dashboard session, and nothing else is kept: no
// authentication cookie beyond the handler's own short-lived correlation and nonce cookies.
internal sealed partial class EntraSignIn(
    IOptions<EntraOptions> entra, IOptions<DashboardOptions> dashboard, EntraTokens tokens, TimeProvider time)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public const string Scheme = "Entra";

    public void Configure(string? name, OpenIdConnectOptions o)
    {
        if (name != Scheme || !entra.Value.Enabled)
        {
            return;
        }
        var options = entra.Value;
        o.SignInScheme = SessionSink.Scheme;
        o.ClientId = options.ClientId!.Trim();
        o.ClientSecret = options.ClientSecret;
        o.Authority = options.Authority;
        o.ConfigurationManager = tokens.Configuration;
        o.RequireHttpsMetadata = options.InstanceUri.Scheme == Uri.UriSchemeHttps;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.FormPost;
        o.UsePkce = true;
        o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        o.CallbackPath = EntraEndpoints.CallbackPath;
        // Nothing signs out through Entra ID; these only keep the handler off paths outside the dashboard.
        o.SignedOutCallbackPath = EntraEndpoints.SignInPath + "/signed-out";
        o.RemoteSignOutPath = EntraEndpoints.SignInPath + "/signout";
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.TimeProvider = time;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.TokenValidationParameters = tokens.Parameters([o.ClientId]);
        o.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = RedirectToIdentityProvider,
            OnTicketReceived = TicketReceivedAsync,
            OnRemoteFailure = RemoteFailureAsync,
        };
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    // Behind a proxy the request's own host is not the public one: the redirect URI registered in Entra ID is.
    private Task RedirectToIdentityProvider(RedirectContext context)
    {
        context.ProtocolMessage.RedirectUri = dashboard.Value.PublicBaseUrl!.TrimEnd('/') + EntraEndpoints.CallbackPath;
        return Task.CompletedTask;
    }

    private async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var user = context.Principal;
        var oid = user?.FindFirst("oid")?.Value;
        var http = context.HttpContext;
        var identities = http.RequestServices.GetRequiredService<EntraIdentities>();
        var viewer = oid is null || !entra.Value.Allows(user?.FindFirst("tid")?.Value) ? null : await identities.ViewerAsync(oid, http.RequestAborted);
        if (viewer is null)
        {
            LogNotLinked(Logger(http), oid);
            await EntraPages.NotLinkedPage().ExecuteAsync(http);
            return;
        }
        http.RequestServices.GetRequiredService<DashboardSessions>().SignIn(http, viewer);
        http.Response.Redirect(DashboardPaths.Root);
    }

    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        LogFailed(Logger(context.HttpContext), context.Failure?.Message);
        await EntraPages.FailedPage().ExecuteAsync(context.HttpContext);
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<EntraSignIn>();

    [LoggerMessage(Level = LogLevel.Information, Message = "Entra ID sign-in of object id {ObjectId} refused: not linked to a Teams person yet")]
    private static partial void LogNotLinked(ILogger logger, string? objectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra ID sign-in failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? reason);
}
