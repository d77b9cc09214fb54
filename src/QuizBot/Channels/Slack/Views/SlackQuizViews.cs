using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;

namespace QuizBot.Channels.Slack;

// The data for the self-paced views and the welcome, bank choice and schedule help. Button values are CardAction JSON,
// the same data a Teams card carries, so one parser reads both.
internal static class SlackQuizViews
{
    // Blocks left for repeated rows once a view's fixed blocks are counted, so a long bank cannot break the 50-block limit.
    public const int MaxRows = 45;

    public const string Command = "/quiz";

    public static SlackViewData Question(QuestionView q) => new("question", new
    {
        fallback = $"{q.Progress}: {E(q.Question.Text)}",
        title = E(q.BankTitle),
        progress = q.Progress,
        text = E(q.Question.Text),
        choicesText = ChoicesText(q.Question),
        choices = q.Question.Choices.Select((_, i) => Button($"quizbot-answer-{i}", Quizzes.Question.Label(i), new CardAction.Answer(q.SessionId, q.Index, i))),
    });

    public static SlackViewData Result(ResultView r) => new("result", new
    {
        fallback = Verdict(r.Correct, r.Question),
        verdict = Wording.Verdict(r.Correct),
        title = E(r.BankTitle),
        progress = r.Progress,
        text = E(r.Question.Text),
        yourAnswer = E(r.Question.Describe(r.Choice)),
        rightAnswer = E(r.Question.Describe(r.Question.Answer)),
        explanation = E(r.Question.ExplanationFor(r.Choice)),
        notice = SlackMrkdwn.FromMarkup(r.Notice ?? ""),
        report = r.SessionId is { } session ? ReportValue(new CardAction.Report(null, session, r.Index, null, null)) : "",
    });

    // A question in review: the self-paced question's blocks, with the review's progress and its own answer data.
    public static SlackViewData RecallQuestion(RecallView v) => new("question", new
    {
        fallback = $"{Wording.RecallProgress(v)}: {E(v.Question.Text)}",
        title = E(v.BankTitle),
        progress = Wording.RecallProgress(v),
        text = E(v.Question.Text),
        choicesText = ChoicesText(v.Question),
        choices = v.Question.Choices.Select((_, i) => Button($"quizbot-recall-{i}", Quizzes.Question.Label(i),
            new CardAction.Recall(v.BankId, v.Question.Id, v.Step, i, v.Right, v.Answered))),
    });

    public static SlackViewData RecallResult(RecallResultView r) => new("result", new
    {
        fallback = Verdict(r.Correct, r.Question),
        verdict = Wording.Verdict(r.Correct),
        title = E(r.BankTitle),
        progress = Wording.RecallNext(r),
        text = E(r.Question.Text),
        yourAnswer = E(r.Question.Describe(r.Choice)),
        rightAnswer = E(r.Question.Describe(r.Question.Answer)),
        explanation = E(r.Question.ExplanationFor(r.Choice)),
        notice = SlackMrkdwn.FromMarkup(r.Notice ?? ""),
        // A review answer belongs to no post or session a report could name: no "Report a problem" here.
        report = "",
    });

    public static SlackViewData Review(ReviewView review) => new("review", new
    {
        fallback = $"You scored {review.Score} out of {review.Count} in {E(review.BankTitle)}.",
        title = E(review.BankTitle),
        score = review.ScoreText,
        summary = $"You scored {review.Score} out of {review.Count}. {Wording.ReviewSummary}",
        items = review.Items.Take(MaxRows).Select(i => new
        {
            number = i.Number,
            mark = Wording.Mark(i.Correct),
            text = E(i.Question.Text),
            yourAnswer = i.Choice is { } c ? E(i.Question.Describe(c)) : "(not answered)",
            rightAnswer = E(i.Question.Describe(i.Question.Answer)),
            explanation = E(i.Choice is { } chosen ? i.Question.ExplanationFor(chosen) : i.Question.Explanation),
        }),
        more = More(review.Items.Count, "questions"),
    });

    public static SlackViewData ChooseBank(IReadOnlyList<QuestionBank> banks, string prompt) => new("bank-choice", new
    {
        fallback = SlackMrkdwn.FromMarkup(prompt),
        prompt = SlackMrkdwn.FromMarkup(prompt),
        banks = banks.Take(MaxRows).Select((b, i) => new
        {
            title = E(b.Title),
            description = E(b.Description),
            questionsText = b.Questions.Count == 1 ? "1 question" : $"{b.Questions.Count} questions",
            actionId = $"quizbot-start-{i}",
            value = new CardAction.Start(b.Id).ToData().ToJsonString(),
        }),
        more = More(banks.Count, "quizzes"),
    });

    public static SlackViewData Welcome() => new("welcome", new
    {
        fallback = $"{Wording.WelcomeTitle}. {SlackMrkdwn.FromMarkup(HelpText.Lines[0])}",
        title = Wording.WelcomeTitle,
        help = string.Join("\n", HelpText.Lines.Select(SlackMrkdwn.FromMarkup)),
        startValue = new CardAction.Start(null).ToData().ToJsonString(),
    });

    // A message is a poor place for a form, and a Slack modal needs a trigger_id the channel may not have: the typed
    // command does the same and is shown with the banks it can name.
    public static SlackViewData ScheduleForm(IReadOnlyList<QuestionBank> banks) => new("schedule-form", new
    {
        fallback = $"{Wording.ScheduleTitle}: type {Command} schedule daily 09:00 Europe/Berlin",
        title = Wording.ScheduleTitle,
        intro = Wording.ScheduleIntro,
        example = $"`{Command} schedule daily 09:00 Europe/Berlin`",
        others = $"`{Command} schedule weekdays 09:30`, `{Command} schedule weekly mon,thu 09:00` or `{Command} schedule cron \"0 9 * * 1-5\" UTC`",
        banks = banks.Select(b => b.Id),
        banksText = string.Join("\n", banks.Select(b => $"• {E(b.Title)}: `bank {SlackMrkdwn.EscapeCode(b.Id)}`")),
    });

    internal static string E(string plain) => SlackMrkdwn.Escape(plain);

    internal static string ChoicesText(Question q) =>
        string.Join("\n", q.Choices.Select((c, i) => $"*{Quizzes.Question.Label(i)}.* {E(c)}"));

    // The "Report a problem" button's value: the report's card data, without inputs (the modal asks for them).
    internal static string ReportValue(CardAction.Report report) => report.ToData().ToJsonString();

    internal static object Button(string actionId, string label, CardAction action) =>
        new { actionId, label, value = action.ToData().ToJsonString() };

    internal static string Verdict(bool correct, Question q) => correct
        ? $"{Wording.Verdict(true)} {E(q.Describe(q.Answer))}"
        : $"{Wording.Verdict(false)}: the right answer is {E(q.Describe(q.Answer))}";

    internal static string More(int count, string what) => count > MaxRows ? $"…and {count - MaxRows} more {what}." : "";
}
