using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;
using QuizBot.Templating;
using static QuizBot.Channels.Teams.TeamsMarkdown;

namespace QuizBot.Channels.Teams;

// Engine views as Adaptive Cards. Teams gets Action.Execute so a click can replace the card for that person;
// every other channel gets Action.Submit, which Web Chat and the Emulator understand. Every text from a bank or a
// person is escaped here (TeamsMarkdown.Escape), the engine's markup rendered (FromMarkup): templates only decide looks.
internal sealed class QuizCards(CardTemplates templates)
{
    public static string ActionTypeFor(string? channelId) => channelId == "msteams" ? "Action.Execute" : "Action.Submit";

    public JsonObject Question(QuestionView q, string channelId) =>
        QuestionCard(q.BankTitle, q.Progress, q.Question, channelId, i => new CardAction.Answer(q.SessionId, q.Index, i).ToData());

    public JsonObject Result(ResultView r, string? channelId = null) => templates.Render("result", new
    {
        actionType = ActionTypeFor(channelId),
        hasReport = r.SessionId is not null,
        report = ReportForm.For(r.SessionId is { } session ? new CardAction.Report(null, session, r.Index, null, null) : null),
        title = Escape(r.BankTitle),
        progress = r.Progress,
        text = Escape(r.Question.Text),
        correct = r.Correct,
        verdict = Wording.Verdict(r.Correct),
        yourAnswer = Escape(r.Question.Describe(r.Choice)),
        rightAnswer = Escape(r.Question.Describe(r.Question.Answer)),
        explanation = Escape(r.Question.ExplanationFor(r.Choice)),
        notice = FromMarkup(r.Notice ?? ""),
    });

    // A question in review: the self-paced question's card, with the review's progress and its own answer data.
    public JsonObject RecallQuestion(RecallView v, string channelId) =>
        QuestionCard(v.BankTitle, Wording.RecallProgress(v), v.Question, channelId,
            i => new CardAction.Recall(v.BankId, v.Question.Id, v.Step, i, v.Right, v.Answered).ToData());

    private JsonObject QuestionCard(string bankTitle, string progress, Quizzes.Question question, string channelId, Func<int, JsonObject> answer) =>
        templates.Render("question", new
        {
            title = Escape(bankTitle),
            progress,
            text = Escape(question.Text),
            note = "",
            actionType = ActionTypeFor(channelId),
            choices = question.Choices.Select((text, i) => new
            {
                label = Quizzes.Question.Label(i),
                text = Escape(text),
                data = answer(i),
            }),
        });

    public JsonObject RecallResult(RecallResultView r) => templates.Render("result", new
    {
        // A review answer belongs to no post or session a report could name: no "Report a problem" here.
        hasReport = false,
        title = Escape(r.BankTitle),
        progress = Wording.RecallNext(r),
        text = Escape(r.Question.Text),
        correct = r.Correct,
        verdict = Wording.Verdict(r.Correct),
        yourAnswer = Escape(r.Question.Describe(r.Choice)),
        rightAnswer = Escape(r.Question.Describe(r.Question.Answer)),
        explanation = Escape(r.Question.ExplanationFor(r.Choice)),
        notice = FromMarkup(r.Notice ?? ""),
    });

    public JsonObject Review(ReviewView review) => templates.Render("review", new
    {
        title = Escape(review.BankTitle),
        score = review.ScoreText,
        summary = $"You scored {review.Score} out of {review.Count}. {Wording.ReviewSummary}",
        items = review.Items.Select(i => new
        {
            number = i.Number,
            text = Escape(i.Question.Text),
            yourAnswer = i.Choice is { } c ? Escape(i.Question.Describe(c)) : "(not answered)",
            rightAnswer = Escape(i.Question.Describe(i.Question.Answer)),
            correct = i.Correct,
            mark = Wording.Mark(i.Correct),
            explanation = Escape(i.Choice is { } chosen ? i.Question.ExplanationFor(chosen) : i.Question.Explanation),
        }),
    });

    public JsonObject ChooseBank(IEnumerable<QuestionBank> banks, string channelId, string prompt) => templates.Render("bank-choice", new
    {
        prompt = FromMarkup(prompt),
        actionType = ActionTypeFor(channelId),
        banks = banks.Select(b => new
        {
            title = Escape(b.Title),
            description = Escape(b.Description),
            questionCount = b.Questions.Count,
            data = new CardAction.Start(b.Id).ToData(),
        }),
    });

    public JsonObject Welcome(string channelId) => templates.Render("welcome", new
    {
        title = Wording.WelcomeTitle,
        lines = HelpText.Lines.Select(FromMarkup),
        actionType = ActionTypeFor(channelId),
        startData = new CardAction.Start(null).ToData(),
    });
}
