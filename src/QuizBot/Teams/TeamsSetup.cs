using QuizBot.Cards;
using QuizBot.Scheduling;
using QuizBot.Teams.Auth;

namespace QuizBot.Teams;

internal static class TeamsSetup
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services)
    {
        services.AddSingleton(_ => CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton<QuizCards>();
        services.AddSingleton<RoundCards>();
        services.AddHttpClient(ConnectorClient.HttpClientName).AddConnectorAuth();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<RoundPoster>();
        services.AddSingleton<RoundCommands>();
        services.AddOptions<SchedulerOptions>().BindConfiguration("QuizBot:Scheduler");
        services.AddSingleton<RoundScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RoundScheduler>());
        services.AddScoped<TeamsBot>();
        services.AddSingleton<Redeliveries>();
        return services;
    }
}
