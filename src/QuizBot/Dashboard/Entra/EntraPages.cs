namespace QuizBot.Dashboard.Entra;

// The few plain pages Entra ID sign-in answers with itself, before a session exists (the dashboard's layout needs one).
internal static class EntraPages
{
    public const string NotLinked = "Type `dashboard` to QuizBot in Teams once, then sign in again.";

    public static IResult NotLinkedPage() =>
        Page(StatusCodes.Status401Unauthorized, "Not linked to QuizBot yet", NotLinked, EntraEndpoints.SignInPath, "Sign in again");

    public static IResult FailedPage() =>
        Page(StatusCodes.Status401Unauthorized, "Sign-in failed", "Microsoft Entra ID sign-in did not complete.", EntraEndpoints.SignInPath, "Try again");

    public static IResult Page(int status, string title, string text, string link, string linkText)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} - QuizBot</title></head>
            <body><main><h1>{Html.E(title)}</h1><p>{Html.E(text)}</p><p><a href="{Html.E(link)}">{Html.E(linkText)}</a></p></main></body></html>
            """;
        return new PageResult(status, html);
    }

    // The page's own CSP: nothing but its markup runs or loads.
    private sealed class PageResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }
}
