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
            o.Cookie.Name = "QuizBot.Dashboard.Antiforgery";
            o.Cookie.Path = DashboardPaths.Root;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // The Teams tab posts from inside Teams' frame: a cookie kept only first-party would not come back. The
            // token pair (cookie and form field) is what stops forgery, not the cookie's site.
            o.Cookie.SameSite = SameSiteMode.None;
            o.FormFieldName = "__antiforgery";
            // The CSP's frame-ancestors says who may frame the pages; X-Frame-Options would refuse Teams.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, BoardPage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, HistoryPage>());
        return services;
    }
}
