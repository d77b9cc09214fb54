using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard.Entra;

internal static partial class EntraEndpoints
{
    public const string SignInPath = DashboardPaths.Root + "/signin/entra";
    public const string CallbackPath = SignInPath + "/callback";
    public const string TabPath = DashboardPaths.Root + "/tab";
    public const string TabSessionPath = TabPath + "/session";
    public const string TabScriptPath = TabPath + "/tab.js";
    public const string TeamsJsPath = TabPath + "/teams-js.min.js";

    public static void Map(IEndpointRouteBuilder app)
    {
        // Off until configured: then there is no sign-in to start and no token to exchange.
        var enabled = app.ServiceProvider.GetRequiredService<IOptions<EntraOptions>>().Value.Enabled;
        if (!enabled)
        {
            return;
        }
        app.MapGet(SignInPath, () => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = DashboardPaths.Root }, [EntraSignIn.Scheme]));
        app.MapGet(TabPath, (HttpContext context, TeamsTab tab) => tab.Page(context));
        app.MapGet(TabScriptPath, TeamsTab.Script);
        app.MapGet(TeamsJsPath, (HttpContext context, TeamsTab tab) => tab.TeamsJs(context));
        app.MapPost(TabSessionPath, ExchangeAsync);
    }

    // The tab's Teams SSO token becomes a dashboard session inside Teams: SameSite=None and Partitioned, since the page
    // is framed by Teams on another site. The answer names where the tab goes next.
    private static async Task<IResult> ExchangeAsync(
        HttpContext context, EntraTokens tokens, EntraIdentities identities, DashboardSessions sessions, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(EntraEndpoints));
        context.Response.Headers.CacheControl = "no-store";
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length > 16_384)
        {
            return Refused("Teams sent no sign-in token.");
        }
        TabIdentity identity;
        try
        {
            identity = await tokens.ValidateTabTokenAsync(header["Bearer ".Length..].Trim(), ct);
        }
        catch (InvalidOperationException e)
        {
            // The tenant's metadata or keys could not be fetched: not the person's fault, and worth another try.
            LogKeysUnavailable(logger, e.Message);
            return TypedResults.Json(new TabAnswer(null, "Sign-in is unavailable right now. Try again in a minute."), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (identity.ObjectId is not { } oid)
        {
            LogTokenRefused(logger, identity.Problem);
            return Refused("Teams' sign-in token was not accepted.");
        }
        if (await identities.ViewerAsync(oid, ct) is not { } viewer)
        {
            return Refused(EntraPages.NotLinked);
        }
        sessions.SignIn(context, viewer, embedded: true);
        return TypedResults.Json(new TabAnswer(DashboardPaths.Root, null));
    }

    private static IResult Refused(string message) => TypedResults.Json(new TabAnswer(null, message), statusCode: StatusCodes.Status401Unauthorized);

    internal sealed record TabAnswer(string? Location, string? Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams tab token refused: {Reason}")]
    private static partial void LogTokenRefused(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra ID keys could not be fetched for a Teams tab sign-in: {Reason}")]
    private static partial void LogKeysUnavailable(ILogger logger, string reason);
}
