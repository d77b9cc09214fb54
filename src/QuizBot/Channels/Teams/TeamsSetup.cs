using QuizBot.Channels.Teams.Auth;
using QuizBot.Channels.Teams.Outbound;
using QuizBot.Chat;
using QuizBot.Templating;

namespace QuizBot.Channels.Teams;

internal static class TeamsSetup
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services)
    {
        services.AddSingleton(_ => CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards", "teams")));
        services.AddSingleton<QuizCards>();
        services.AddSingleton<RoundCards>();
        services.AddSingleton<RoundResultAnswers>();
        services.AddSingleton<DisputeCards>();
        services.AddSingleton<TeamsViews>();
        // Outermost first: buffered body, retries honouring Retry-After, Teams' rate limits, per-attempt timeout, then the
        // token (innermost, so every attempt carries a current one).
        services.AddHttpClient(ConnectorClient.HttpClientName).AddConnectorResilience().AddConnectorAuth();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<IChatOutbound, TeamsOutbound>();
        services.AddSingleton<TeamsFiles>();
        services.AddSingleton<TeamsBot>();
        return services;
    }
}
