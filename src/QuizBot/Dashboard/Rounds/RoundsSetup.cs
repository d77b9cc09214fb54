using QuizBot.Chat;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Rounds;

internal static class RoundsSetup
{
    // The rounds page and its admin actions; the actions run through Chat/ (AddChat), so they do what the commands do.
    public static IServiceCollection AddDashboardRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundsReader>();
        services.AddSingleton<IDashboardPage, RoundsPage>();
        services.AddSingleton<IDashboardAction>(sp => Command(sp, RoundsForms.PauseAction, "pause", false));
        services.AddSingleton<IDashboardAction>(sp => Command(sp, RoundsForms.ResumeAction, "resume", false));
        services.AddSingleton<IDashboardAction>(sp => Command(sp, RoundsForms.CancelAction, "cancel", true));
        services.AddSingleton<IDashboardAction>(sp => new PostNowAction(sp.GetRequiredService<RoundCommands>(), sp.GetRequiredService<IRoundStore>()));
        services.AddSingleton<IDashboardAction, ScheduleAction>();
        services.AddSingleton<IDashboardAction, ImportBankAction>();
        return services;
    }

    private static RoundCommandAction Command(IServiceProvider sp, string name, string command, bool confirm) =>
        new(name, command, confirm, sp.GetRequiredService<RoundCommands>());
}
