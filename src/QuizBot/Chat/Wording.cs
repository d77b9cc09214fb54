using System.Globalization;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Chat;

// What QuizBot says, in every channel alike: verdicts, counts, times and plurals. Texts that are markup (Markup.cs)
// carry anyone else's words through Markup.Plain; the rest are plain text, which each channel escapes as a whole.
internal static class Wording
{
    public const int RecentNamesShown = 5;

    // One wording for right and wrong, in self-paced quizzes and team rounds alike.
    public static string Verdict(bool correct) => correct ? "✅ Correct!" : "❌ Not quite";

    public static string Mark(bool correct) => correct ? "✅" : "❌";

    public static string CountText(int answers) => answers switch
    {
        0 => "No answers yet",
        1 => "1 answer so far",
        _ => $"{answers} answers so far",
    };

    // The shared card of a post whose question left the bank while it was open: the question itself is gone.
    public static string Withdrawn(string? bankTitle) =>
        $"{(bankTitle is null ? "" : Quizzes.Markup.Strong(Quizzes.Markup.Plain(bankTitle)) + ": ")}{PostedQuestions.WithdrawnMessage}";

    public static string ClosedCountText(int answers) => answers switch { 0 => "No answers", 1 => "1 answer", _ => $"{answers} answers" };

    // "after 12 s", "after 3 min", "after 2 h 5 min": how long after the post the answer came.
    public static string After(TimeSpan after)
    {
        var seconds = Math.Max(0, (int)after.TotalSeconds);
        return seconds switch
        {
            < 60 => $"after {seconds} s",
            < 3600 => $"after {seconds / 60} min",
            _ when seconds % 3600 / 60 == 0 => $"after {seconds / 3600} h",
            _ => $"after {seconds / 3600} h {seconds % 3600 / 60} min",
        };
    }

    // In the round's own time zone; the day is named when answers close on a later day than the post.
    public static string Closes(RoundPost post)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone);
        var closes = TimeZoneInfo.ConvertTime(post.ClosesAt, zone);
        var slot = TimeZoneInfo.ConvertTime(post.SlotAt, zone);
        var when = closes.Date == slot.Date
            ? closes.ToString("HH:mm", CultureInfo.InvariantCulture)
            : closes.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);
        return $"Answers close at {when} ({post.TimeZone})";
    }

    // Who answered, never what they chose: the latest few names and how many others answered.
    public static string Recent(IReadOnlyList<string> names, int answers)
    {
        var shown = names.Take(RecentNamesShown).ToList();
        var others = Math.Max(answers, names.Count) - shown.Count;
        return shown.Count == 0 ? "" : others > 0 ? $"Answered: {string.Join(", ", shown)} and {others} more" : "Answered: " + string.Join(", ", shown);
    }

    public static string Members(int members) => members == 1 ? "1 person on this board" : $"{members} people on this board";

    public static string Period(string label) => label == "all time" ? "All time" : $"Period: {label}";

    public static string WrongText(MissedQuestion m) =>
        m.Answers == 1 ? $"{m.WrongPercent}% of 1 answer was wrong" : $"{m.WrongPercent}% of {m.Answers} answers were wrong";

    public static string Week(StatsView s) => $"{s.WeekAnswered} answered, {s.WeekCorrect} correct";

    public const string WelcomeTitle = "Hi, I'm QuizBot";
    public const string ChooseBankPrompt = "Which quiz would you like to take?";

    public const string NoBanks = "There are no question banks yet. An admin can send me a bank file in a 1:1 chat, or import one with `banks import`.";
    public const string WelcomeBack = "Welcome back! Here is where you stopped.";
    public const string MissedTitle = "Questions this team gets wrong most";
    public const string MissedEmpty = "No closed questions with answers yet: nothing to show.";
    public const string ReviewSummary = "Here is every question with your answer and the right one.";
    public const string ScheduleTitle = "Schedule a team round";
    public const string ScheduleIntro =
        "QuizBot posts questions here on this schedule; everyone answers on the card and the team gets a leaderboard.";

    // Review (Quizzes/Review): days are UTC days, named as "Thu 3 Dec".
    public static string DueToday(int due) =>
        due == 1 ? "1 question is due for review today." : $"{Number(due)} questions are due for review today.";

    public static string NothingDue(DateTimeOffset? next) => next is { } day
        ? $"Nothing is due for review today. The next question is due on {Day(day)}."
        : "You have nothing to review. Questions you get wrong in rounds and quizzes come back here over the following days.";

    public static string ReviewDone(Quizzes.Review.ReviewTally tally) =>
        $"Review done: {Number(tally.Right)} of {Number(tally.Answered)} right. " +
        (tally.Next is { } next ? $"The next question is due on {Day(next)}." : "Nothing is left to review.");

    public static readonly string ReviewInPrivate =
        $"Send {Quizzes.Markup.Strong("review")} to me in a 1:1 chat: the questions you got wrong are yours alone, so I ask them there.";

    public static string RecallProgress(Quizzes.Review.RecallView v) =>
        $"Review · box {Number(v.Box)} of {Number(Quizzes.Review.Leitner.Boxes)} · {Number(v.Due)} due today";

    // Where the answer sent the question.
    public static string RecallNext(Quizzes.Review.RecallResultView r) => r switch
    {
        { Retired: true } => "Right five times in a row: this question leaves your review.",
        { Box: 1 } => $"Back to box 1: it comes back on {Day(r.DueAt)}.",
        _ => $"Up to box {Number(r.Box)} of {Number(Quizzes.Review.Leitner.Boxes)}: it comes back on {Day(r.DueAt)}.",
    };

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    // Markup: the name is echoed as typed, never as formatting or a link.
    public static string UnknownBank(string name) => $"I don't know a quiz called \"{Quizzes.Markup.Plain(name)}\". Pick one of these:";

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
