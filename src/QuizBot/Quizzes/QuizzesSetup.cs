using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Quizzes;

internal sealed class QuizBotOptions
{
    // Banks ship beside the binary; an admin can point this at a folder of their own.
    public string BanksPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "banks");

    // User keys "<channel>:<id>" (msteams:<aadObjectId or 29:…>, slack:T123:U456); QuizBot__Admins__0=... in the environment.
    public List<string> Admins { get; set; } = [];

    // How often an instance loads the bank versions imported elsewhere (another instance, the command line).
    public int BankRefreshSeconds { get; set; } = 30;
}

internal static class QuizzesSetup
{
    public static IServiceCollection AddQuizEngine(this IServiceCollection services)
    {
        services.AddOptions<QuizBotOptions>().BindConfiguration("QuizBot").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuizBotOptions>, QuizBotOptionsValidator>());
        services.AddSingleton(TimeProvider.System);
        // Filled from the store by BankStartup, which must be registered after the store's start-up (Program.cs adds the
        // store first); a broken bank file is reported and skipped.
        services.AddSingleton(new BankCatalog([]));
        services.AddSingleton<Banks.BankLibrary>();
        services.AddHostedService<Banks.BankStartup>();
        services.AddSingleton<SelfPacedQuizzes>();
        services.AddSingleton<Review.ReviewMisses>();
        services.AddSingleton<Review.SpacedReviews>();
        services.AddSingleton<Rounds.Admins>();
        services.AddSingleton<Rounds.RoundAdmin>();
        services.AddSingleton<Rounds.RoundRunner>();
        services.AddSingleton<Rounds.RoundAnswers>();
        services.AddSingleton<Rounds.Leaderboards>();
        services.AddSingleton<Rounds.PersonSummaries>();
        services.AddSingleton<Disputes.Disputes>();
        return services;
    }
}
