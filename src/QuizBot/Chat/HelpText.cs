namespace QuizBot.Chat;

internal static class HelpText
{
    public static readonly string[] Lines =
    [
        "I post short quizzes and keep score. Everything you answer is shown only to you.",
        "**quiz**: take a quiz at your own pace; I remember where you stopped.",
        "**quiz** *name*: take a particular quiz.",
        "**leaderboard** *week|month|all*: this conversation's board.",
        "**stats**: your own answers, accuracy and streaks here.",
        "**missed**: the questions this team gets wrong most.",
        "**review**: (in a 1:1 chat with me) the questions you got wrong, asked again over the following days.",
        "**schedule** *daily 09:00 Europe/Berlin*: (admins) post a question here on a schedule; **schedule** alone opens a form. " +
            "Also **rounds**, **pause**, **resume**, **cancel**, **post now**, **admin add** *@person*, **admin remove** *@person*.",
        "**disputes**: (admins) the problems people reported with questions here, to void, give a new right answer or dismiss.",
        "**dashboard**: a private sign-in link to this conversation's web dashboard (boards, charts, your own history).",
        "**manager add** *@person*, **manager remove** *@person*, **managers**: (admins) who may read this conversation's dashboard.",
        "**help**: this list.",
    ];

    public static string Markdown => string.Join("\n\n", Lines);

    public const string Hint = "I didn't catch that. Type **quiz** to take a quiz, or **help** to see what I can do.";
}
