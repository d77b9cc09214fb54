using Microsoft.AspNetCore.Antiforgery;

namespace QuizBot.Dashboard;

// The dashboard's routes. Every response carries the same security headers; a conversation the person may not see,
// or a page above their role, is a 404 (as if it did not exist), never a 403.
internal static partial class DashboardEndpoints
{
    public const string SignOutPath = DashboardPaths.Root + "/signout";

    private const string Csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; " +
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DashboardPaths.Root);
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = Csp;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            context.HttpContext.Response.OnStarting(() =>
            {
                // Set late too: anti-forgery writes its own no-cache when it issues a token.
                headers.CacheControl = "no-store";
                headers.Remove("Pragma");
                return Task.CompletedTask;
            });
            return await next(context);
        });
        group.MapGet("/dashboard.css", () => TypedResults.Text(DashboardCss.Text, "text/css; charset=utf-8"));
        group.MapGet("/", HomeAsync);
        group.MapGet("/c/{conversation}", OpenConversationAsync);
        group.MapGet("/c/{conversation}/{slug}", PageAsync);
        MapSignIn(group);
        MapActions(group);
        MapExports(group);
        return app;
    }

    private static async Task<IResult> HomeAsync(HttpContext http, DashboardSessions sessions, DashboardAccess access, IAntiforgery antiforgery,
        CancellationToken ct)
    {
        if (sessions.Current(http) is not { } viewer)
        {
            return NoSession();
        }
        var conversations = await access.ConversationsAsync(viewer, ct);
        var body = conversations.Count == 0
            ? "<p>No conversations yet. Type <strong>dashboard</strong> in a conversation with QuizBot to open its pages.</p>"
            : "<ul class=\"conversations\">" + string.Concat(conversations.Select(c =>
                $"<li>{Html.Link($"{DashboardPaths.Root}/c/{Uri.EscapeDataString(c)}", c)}</li>")) + "</ul>";
        return Page(DashboardLayout.Page("Your conversations", "<h1>Your conversations</h1>" + body, viewer.Name, Field(antiforgery, http)));
    }

    // A conversation's first page the person may open (the home links here, so it need not look up every role).
    private static async Task<IResult> OpenConversationAsync(HttpContext http, string conversation, DashboardSessions sessions, DashboardAccess access,
        IEnumerable<IDashboardPage> pages, CancellationToken ct)
    {
        if (sessions.Current(http) is not { } viewer)
        {
            return NoSession();
        }
        var key = Key(conversation);
        return await access.RoleAsync(viewer, key, ct) is { } role && FirstPage(pages, role) is { } page
            ? SeeOther(DashboardPaths.Page(key, page.Slug))
            : NotFound();
    }

    private static async Task<IResult> PageAsync(HttpContext http, string conversation, string slug, DashboardSessions sessions, DashboardAccess access,
        IEnumerable<IDashboardPage> pages, IAntiforgery antiforgery, DashboardFlash flash, CancellationToken ct)
    {
        if (sessions.Current(http) is not { } viewer)
        {
            return NoSession();
        }
        var key = Key(conversation);
        var role = await access.RoleAsync(viewer, key, ct);
        var page = pages.FirstOrDefault(p => p.Slug == slug);
        if (role is not { } r || page is null || page.Audience > r)
        {
            return NotFound();
        }
        var field = Field(antiforgery, http);
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var body = await page.RenderAsync(new DashboardRequest(key, viewer.UserKey, r, query) { AntiforgeryField = field, UserIds = viewer.Ids }, ct);
        var nav = Visible(pages, r).Select(p => new DashboardLayout.NavItem(DashboardPaths.Page(key, p.Slug), p.Title, p.Slug == slug)).ToList();
        var heading = $"<h1>{Html.E(page.Title)} <span class=\"muted\">· {Html.E(key)}</span></h1>";
        return Page(DashboardLayout.Page(page.Title, heading + body, viewer.Name, field, nav, flash.Take(http)));
    }

    internal static IEnumerable<IDashboardPage> Visible(IEnumerable<IDashboardPage> pages, DashboardRole role) =>
        pages.Where(p => p.Audience <= role).OrderBy(p => p.Order).ThenBy(p => p.Slug, StringComparer.Ordinal);

    internal static IDashboardPage? FirstPage(IEnumerable<IDashboardPage> pages, DashboardRole role) => Visible(pages, role).FirstOrDefault();

    // Route values keep an escaped '/' as "%2F" (ASP.NET Core does not decode it in paths); DashboardPaths escaped it.
    internal static string Key(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    internal static string Field(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{Html.E(tokens.FormFieldName)}\" value=\"{Html.E(tokens.RequestToken)}\">";
    }

    internal static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    internal static IResult NotFound() =>
        Page(DashboardLayout.Message("Not found", "There is no such page, or it is not yours to see."), StatusCodes.Status404NotFound);

    internal static IResult NoSession() =>
        Page(DashboardLayout.Message("Sign in", "You are not signed in, or your session has ended. Type dashboard in a chat with QuizBot (in the " +
            "conversation whose pages you want); I will send you a one-time sign-in link privately."), StatusCodes.Status401Unauthorized);

    internal static IResult BadRequest(string title, string text) => Page(DashboardLayout.Message(title, text), StatusCodes.Status400BadRequest);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
