using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuizBot.Dashboard;

internal static class DashboardHost
{
    // The dashboard served by this service: sessions and links, anti-forgery for every form, the pages and actions.
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddDashboardCore();
        services.TryAddSingleton<SignInLinks>();
        services.TryAddSingleton<DashboardAccess>();
        services.TryAddSingleton<DashboardFlash>();
        services.AddAntiforgery(o =>
        {
            o.Cookie = new AlwaysSecureCookie
            {
                Name = "QuizBot.Dashboard.Antiforgery",
                Path = DashboardPaths.Root,
                HttpOnly = true,
                // The Teams tab posts from inside Teams' frame: a cookie kept only first-party would not come back. The
                // token pair (cookie and form field) is what stops forgery, not the cookie's site.
                SameSite = SameSiteMode.None,
                IsEssential = true,
            };
            o.FormFieldName = "__antiforgery";
            // The CSP's frame-ancestors says who may frame the pages; X-Frame-Options would refuse Teams.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, BoardPage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, HistoryPage>());
        return services;
    }
}

// Secure whatever the request's scheme: TLS usually ends at the proxy in front of the service (no forwarded headers are
// trusted), and anti-forgery's own SecurePolicy.Always refuses every request it sees as plain http.
internal sealed class AlwaysSecureCookie : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        // Kept by browsers inside the Teams tab's frame, where unpartitioned third-party cookies are blocked.
        options.Extensions.Add("Partitioned");
        return options;
    }
}
