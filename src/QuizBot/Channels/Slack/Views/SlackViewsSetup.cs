namespace QuizBot.Channels.Slack;

internal static class SlackViewsSetup
{
    // The templates ship beside the binary (QuizBot.csproj copies cards/**), so the service finds them wherever it runs.
    public static IServiceCollection AddSlackViews(this IServiceCollection services) =>
        services.AddSingleton(_ => SlackViews.Load(Path.Combine(AppContext.BaseDirectory, "cards", "slack")))
            .AddSingleton<SlackRoundResults>();
}
