namespace QuizBot.Chat;

internal static class ChatSetup
{
    // The channel-neutral layer every channel adapter calls: commands, card actions, round publishing, redeliveries.
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration("QuizBot:Scheduler")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Instance), "QuizBot:Scheduler:Instance must not be empty: leave it unset for a generated name.")
            .ValidateOnStart();
        services.AddSingleton<Conversations>();
        services.AddSingleton<ChatOutbounds>();
        services.AddSingleton<RoundPublisher>();
        services.AddSingleton<RoundCommands>();
        services.AddSingleton<ChatBot>();
        services.AddSingleton<Redeliveries>();
        return services;
    }
}
