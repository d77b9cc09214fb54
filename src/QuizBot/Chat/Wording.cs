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

    // "Report a problem" and the admins' decisions. The question's words and the reporters' texts are other people's:
    // carried through Markup.Plain wherever the result is markup.
    public const string ReportTitle = "Report a problem";
    public const string ReportReasonLabel = "What is wrong?";
    public const string ReportTextLabel = "Tell us more (at most 500 characters; needed for \"Other\")";
    public const string ReportSend = "Send report";
    public const string DisputePickReason = "Pick what is wrong (the marked answer is wrong, unclear, a typo, or other) and send the report again.";
    public const string DisputeSayWhat = "Say in a few words what the problem is: the text is needed when the reason is \"Other\".";
    public const string DisputeNotYours = "That result is not yours to report here: only the person who answered can report a problem with it.";
    public const string DisputeUnknown = "There are no reports on that question in this conversation.";
    public const string DisputeQuestionGone = "That question is no longer in its bank, so it cannot get a new right answer; void it or dismiss the reports.";
    public const string DisputeNoSuchChoice = "That is not one of the question's choices: pick the new right answer from the list.";
    public const string DisputesNone = "There are no open reports in this conversation.";
    public const string DisputesTitle = "Reported questions";

    public const string DisputeVoidLabel = "Accept as void";
    public const string DisputeNewAnswerLabel = "Accept with a new answer";
    public const string DisputePickLabel = "Which choice is right?";
    public const string DisputeDismissLabel = "Dismiss";

    public static string DisputeQuestionLeft(string questionId) => $"(question {questionId} is no longer in its bank)";

    public static string ReasonsText(IEnumerable<(Storage.DisputeReason Reason, int Count)> reasons) =>
        string.Join(", ", reasons.Select(r => $"{ReasonText(r.Reason)}: {r.Count}"));

    // Markup: the reporter's name and text are theirs.
    public static string ReportLine(Storage.DisputeReport r) =>
        $"{Quizzes.Markup.Strong(Quizzes.Markup.Plain(r.UserName))} ({ReasonText(r.Reason)}){(r.Text.Length == 0 ? "" : ": " + Quizzes.Markup.Plain(r.Text))}";

    public static string DisputeTooLong(int length, int max) =>
        $"Your text has {length} characters; at most {max} fit. Shorten it and send the report again.";

    public static string DisputeThanks(string questionText) =>
        $"Thanks, your report on \"{Quizzes.Markup.Plain(questionText)}\" is in. An admin will look at it, and you will be told what they decide.";

    public static string DisputeAlreadyReported(string questionText) =>
        $"You already reported \"{Quizzes.Markup.Plain(questionText)}\"; your first report stands.";

    public static string ReasonText(Storage.DisputeReason reason) => reason switch
    {
        Storage.DisputeReason.WrongAnswer => "The marked answer is wrong",
        Storage.DisputeReason.Unclear => "The question is unclear",
        Storage.DisputeReason.Typo => "Typo",
        _ => "Other",
    };

    public static string ReportCount(int reports) => reports == 1 ? "1 report" : $"{reports} reports";

    public static string MoreDisputes(int more) =>
        more == 1 ? "1 more reported question: decide these first." : $"{more} more reported questions: decide these first.";

    private static string Verdict(Storage.DisputeDecision d, Quizzes.Question? question) => d.Verdict switch
    {
        Storage.DisputeVerdict.Void => "voided: it counts for nobody",
        Storage.DisputeVerdict.NewAnswer when question is not null && d.NewAnswer is { } a && a < question.Choices.Count =>
            $"given a new right answer, {Quizzes.Markup.Plain(question.Describe(a))}, and re-scored",
        Storage.DisputeVerdict.NewAnswer => "given a new right answer and re-scored",
        _ => "dismissed: the question stays as it is",
    };

    private static string Named(Quizzes.Question? question) => question is null ? "The question" : $"\"{Quizzes.Markup.Plain(question.Text)}\"";

    public static string DisputeDecided(Storage.DisputeDecision d, Quizzes.Question? question, int reports) =>
        $"{Named(question)} was {Verdict(d, question)}. {(reports == 1 ? "Its reporter has" : $"Its {reports} reporters have")} been told.";

    public static string DisputeAlreadyDecided(Storage.DisputeDecision d, Quizzes.Question? question) =>
        $"That was already decided: {Named(question)} was {Verdict(d, question)}.";

    public static string DisputeOutcomeForReporter(Storage.DisputeDecision d, string questionText, Quizzes.Question? question) =>
        $"About your report on \"{Quizzes.Markup.Plain(questionText)}\": an admin {d.Verdict switch
        {
            Storage.DisputeVerdict.Void => "voided the question; it counts for nobody",
            Storage.DisputeVerdict.NewAnswer when question is not null && d.NewAnswer is { } a && a < question.Choices.Count =>
                $"accepted it: the right answer is now {Quizzes.Markup.Plain(question.Describe(a))}, and the scores were redone",
            Storage.DisputeVerdict.NewAnswer => "accepted it: the question has a new right answer, and the scores were redone",
            _ => "looked at it and kept the question as it is",
        }}. Thank you for reporting it.";
}
