using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard;

internal static class DashboardSetup
{
    // What every part of the dashboard shares: its settings, its sessions, and who is remembered for Entra ID.
    public static IServiceCollection AddDashboardCore(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton<DashboardSessions>();
        services.TryAddSingleton<IDashboardIdentities, NoDashboardIdentities>();
        return services;
    }
}
