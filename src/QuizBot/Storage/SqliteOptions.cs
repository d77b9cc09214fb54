namespace QuizBot.Storage;

internal sealed class SqliteOptions
{
    // Relative paths resolve against the working directory, so `dotnet run` keeps data beside the checkout.
    public string Path { get; set; } = "data/quizbot.db";
}
