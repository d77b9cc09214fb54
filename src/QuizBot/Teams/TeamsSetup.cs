using QuizBot.Cards;

namespace QuizBot.Teams;

internal static class TeamsSetup
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services)
    {
        services.AddSingleton(_ => CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton<QuizCards>();
        services.AddHttpClient<ConnectorClient>(ConnectorClient.HttpClientName);
        services.AddScoped<TeamsBot>();
        return services;
    }
}
