using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Quizzes;

internal sealed class QuizBotOptions
{
    // Banks ship beside the binary; an admin can point this at a folder of their own.
    public string BanksPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "banks");

    // User keys "<channel>:<id>" (msteams:<aadObjectId or 29:…>, slack:T123:U456); QuizBot__Admins__0=... in the environment.
    public List<string> Admins { get; set; } = [];
}

internal static class QuizzesSetup
{
    public static IServiceCollection AddQuizEngine(this IServiceCollection services)
    {
        services.AddOptions<QuizBotOptions>().BindConfiguration("QuizBot").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuizBotOptions>, QuizBotOptionsValidator>());
        services.AddSingleton(TimeProvider.System);
        // Loaded once at start-up: a broken bank stops the service with a message that names the file and field.
        services.AddSingleton(sp => BankCatalog.LoadDirectory(sp.GetRequiredService<IOptions<QuizBotOptions>>().Value.BanksPath));
        services.AddSingleton<SelfPacedQuizzes>();
        services.AddSingleton<Rounds.Admins>();
        services.AddSingleton<Rounds.RoundAdmin>();
        services.AddSingleton<Rounds.RoundRunner>();
        services.AddSingleton<Rounds.RoundAnswers>();
        services.AddSingleton<Rounds.Leaderboards>();
        services.AddSingleton<Rounds.PersonSummaries>();
        services.TryAddSingleton<Banks.BankLibrary>();
        services.AddSingleton<Disputes.IAnswerKeys, Disputes.LibraryAnswerKeys>();
        services.AddSingleton<Disputes.PostRevisions>();
        services.AddSingleton<Disputes.Disputes>();
        return services;
    }
}
