using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard.Entra;

// The Teams tab's page: our own script runs Teams single sign-on with the Teams JavaScript client library, both served
// from this app (no CDN). Teams shows the page in an iframe, so only Teams' hosts may frame it.
internal sealed class TeamsTab(IOptions<DashboardOptions> dashboard, TeamsJsBundle bundle)
{
    public const string FrameAncestors =
        "https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com";

    public const string Csp = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors " + FrameAncestors;

    public IResult Page(HttpContext context)
    {
        var browser = (dashboard.Value.PublicBaseUrl?.TrimEnd('/') ?? "") + DashboardPaths.Root;
        // Without the bundle (built where npm was missing) there is no single sign-on: the link is the way in.
        var scripts = bundle.Exists
            ? $"""<script src="{EntraEndpoints.TeamsJsPath}" defer></script><script src="{EntraEndpoints.TabScriptPath}" defer></script>"""
            : "";
        var status = bundle.Exists ? "Signing you in…" : "Open the dashboard in your browser.";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>QuizBot dashboard</title>{scripts}</head>
            <body data-session="{EntraEndpoints.TabSessionPath}"><main><h1>QuizBot dashboard</h1>
            <p id="status" role="status">{Html.E(status)}</p>
            <p><a href="{Html.E(browser)}" target="_blank" rel="noopener">Open the dashboard in your browser</a></p></main></body></html>
            """;
        context.Response.Headers.ContentSecurityPolicy = Csp;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static IResult Script(HttpContext context)
    {
        var stream = typeof(TeamsTab).Assembly.GetManifestResourceStream("QuizBot.Dashboard.Entra.tab.js")
            ?? throw new InvalidOperationException("The tab script is not embedded in the assembly.");
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, "text/javascript; charset=utf-8");
    }

    public IResult TeamsJs(HttpContext context)
    {
        if (bundle.File is not { Exists: true } file)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(file.CreateReadStream(), "text/javascript; charset=utf-8", lastModified: file.LastModified);
    }
}

// The Teams JavaScript client library's UMD bundle, which the build copies into wwwroot when npm is there.
internal sealed class TeamsJsBundle(IFileProvider? files)
{
    public const string WebRootPath = "dashboard/tab/teams-js.min.js";

    public IFileInfo? File => files?.GetFileInfo(WebRootPath);

    public bool Exists => File?.Exists == true;
}
