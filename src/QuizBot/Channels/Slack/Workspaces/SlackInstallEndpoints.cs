using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// "Add to Slack": /slack/install sends the browser to Slack's authorize page; Slack sends it back to
// /slack/oauth/callback with a code, which oauth.v2.access turns into the workspace's bot token. The person sees a
// page that says what happened and what to type next.
internal static partial class SlackInstallEndpoints
{
    public const string InstallPath = "/slack/install";
    public const string CallbackPath = "/slack/oauth/callback";
    public const string StateCookie = "quizbot_slack_install";

    // What the bot needs in a workspace; deploy/slack/manifest.json lists the same (a test holds them equal).
    public static readonly string[] BotScopes =
        ["app_mentions:read", "channels:read", "chat:write", "commands", "files:read", "groups:read", "im:history", "im:write", "users:read"];

    public static IEndpointRouteBuilder MapSlackInstall(this IEndpointRouteBuilder app)
    {
        app.MapGet(InstallPath, Install);
        app.MapGet(CallbackPath, CallbackAsync);
        return app;
    }

    private static IResult Install(HttpContext http, SlackInstallState states, IOptions<SlackOptions> options)
    {
        var o = options.Value;
        var (state, nonce) = states.Issue();
        http.Response.Cookies.Append(StateCookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // sent on Slack's top-level redirect back, not on cross-site subrequests
            Path = CallbackPath,
            MaxAge = SlackInstallState.Lifetime,
        });
        NoStore(http);
        var url = QueryHelpers.AddQueryString(o.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = o.ClientId,
            ["scope"] = string.Join(',', BotScopes),
            ["user_scope"] = "",
            ["redirect_uri"] = RedirectUrl(http, o),
            ["state"] = state,
        });
        return TypedResults.Redirect(url);
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, SlackInstallState states, SlackWebApi api, SlackInstallations installations,
        IOptions<SlackOptions> options, ILogger<SlackInstallations> log, CancellationToken ct)
    {
        NoStore(http);
        var query = http.Request.Query;
        if (query["error"].ToString() is { Length: > 0 } refused)
        {
            // access_denied: the person pressed Cancel on Slack's page.
            return Page(StatusCodes.Status200OK, "Nothing was installed", $"Slack said: {refused}. To try again, start from {InstallPath}.");
        }
        var problem = await states.RedeemAsync(query["state"], http.Request.Cookies[StateCookie], ct);
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CallbackPath });
        if (problem is not null)
        {
            LogStateRefused(log, problem);
            return Page(StatusCodes.Status400BadRequest, "This install link cannot be used", $"{problem} Start again from {InstallPath}.");
        }
        if (query["code"].ToString() is not { Length: > 0 and <= 500 } code)
        {
            return Page(StatusCodes.Status400BadRequest, "This install link cannot be used", $"Slack sent no code. Start again from {InstallPath}.");
        }
        SlackInstallations.Granted? granted;
        string why;
        try
        {
            granted = SlackInstallations.Read(await api.OAuthAccessAsync(code, RedirectUrl(http, options.Value), ct), out why);
        }
        catch (SlackApiException e)
        {
            return Page(StatusCodes.Status502BadGateway, "Slack refused the installation",
                $"Slack answered {e.Error}. Nothing was installed; start again from {InstallPath}.");
        }
        catch (HttpRequestException)
        {
            return Page(StatusCodes.Status502BadGateway, "Slack could not be reached", $"Nothing was installed; try again from {InstallPath}.");
        }
        if (granted is null)
        {
            return Page(StatusCodes.Status400BadRequest, "Nothing was installed", $"{why} Start again from {InstallPath}.");
        }
        await installations.InstallAsync(granted, ct);
        return Page(StatusCodes.Status200OK, "QuizBot is installed",
            $"QuizBot is now in {granted.TeamName ?? granted.Team}. Next, in Slack: open QuizBot under Apps and type quiz in its Messages tab " +
            "for a quiz of your own, or invite it to a channel (/invite @QuizBot) and type /quiz help there. " +
            "A workspace admin can schedule a daily question with /quiz schedule daily 09:00 Europe/Berlin.");
    }

    // The URL registered with the app, or this request's own; install and callback must send Slack the same one.
    private static string RedirectUrl(HttpContext http, SlackOptions o) =>
        !string.IsNullOrWhiteSpace(o.RedirectUrl) ? o.RedirectUrl : $"{http.Request.Scheme}://{http.Request.Host}{CallbackPath}";

    // The callback URL carries a code: no cache may keep it, and no link on the page may pass it on as a referrer.
    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    // Everything on the page is encoded: parts of it (Slack's error, the workspace's name) come from outside.
    private static IResult Page(int status, string title, string text)
    {
        var body = WebUtility.HtmlEncode(text);
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>{{WebUtility.HtmlEncode(title)}} - QuizBot</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}</style>
            </head><body><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{body}}</p></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack install callback: {Problem}")]
    private static partial void LogStateRefused(ILogger logger, string problem);
}
