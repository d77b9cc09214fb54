using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuizBot.Dashboard.Charts;

internal static class ChartsSetup
{
    // The participation and questions pages. They read the engine's stores and bank catalog, nothing of their own.
    public static IServiceCollection AddDashboardCharts(this IServiceCollection services)
    {
        services.TryAddSingleton<Participation>();
        services.TryAddSingleton<QuestionStats>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, ParticipationPage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDashboardPage, QuestionsPage>());
        return services;
    }
}
