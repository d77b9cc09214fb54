namespace QuizBot.Channels.Slack;

internal static class SlackSetup
{
    // Slack's wire layer, its Block Kit views, and the adapter onto Chat/ (the outbound port rounds post through).
    public static IServiceCollection AddSlackBot(this IServiceCollection services)
    {
        services.AddSlackWire();
        services.AddSlackViews();
        services.AddSingleton<QuizBot.Chat.IChatOutbound, SlackOutbound>();
        services.AddSingleton<SlackFiles>();
        services.AddSingleton<SlackBot>();
        services.AddSingleton<SlackInbox>();
        services.AddSingleton<SlackHomeTab>();
        services.AddSingleton<SlackInstallations>();
        services.AddSingleton<SlackInstallState>();
        // Socket Mode, beside or instead of the request URLs; does nothing unless Slack:AppToken is set.
        services.AddSingleton<SocketEnvelopes>().AddHostedService<SlackSocketMode>();
        return services;
    }
}
