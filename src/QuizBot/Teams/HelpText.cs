namespace QuizBot.Teams;

internal static class HelpText
{
    public static readonly string[] Lines =
    [
        "I post short quizzes and keep score. Everything you answer is shown only to you.",
        "**quiz**: take a quiz at your own pace; I remember where you stopped.",
        "**quiz** *name*: take a particular quiz.",
        "**help**: this list.",
    ];

    public static string Markdown => string.Join("\n\n", Lines);

    public const string Hint = "I didn't catch that. Type **quiz** to take a quiz, or **help** to see what I can do.";
}
