using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Quizzes;

namespace QuizBot.Channels.Teams;

// Engine views as Adaptive Cards. Teams gets Action.Execute so a click can replace the card for that person;
// every other channel gets Action.Submit, which Web Chat and the Emulator understand.
internal sealed class QuizCards(CardTemplates templates)
{
    // One wording for right and wrong, in self-paced quizzes and team rounds alike.
    public static string Verdict(bool correct) => correct ? "✅ Correct!" : "❌ Not quite";

    public static string ActionTypeFor(string? channelId) => channelId == "msteams" ? "Action.Execute" : "Action.Submit";

    public JsonObject Question(QuestionView q, string channelId) => templates.Render("question", new
    {
        title = q.BankTitle,
        progress = q.Progress,
        text = q.Question.Text,
        note = "",
        actionType = ActionTypeFor(channelId),
        choices = q.Question.Choices.Select((text, i) => new
        {
            label = Quizzes.Question.Label(i),
            text,
            data = CardAction.AnswerData(q.SessionId, q.Index, i),
        }),
    });

    public JsonObject Result(ResultView r) => templates.Render("result", new
    {
        title = r.BankTitle,
        progress = r.Progress,
        text = r.Question.Text,
        correct = r.Correct,
        verdict = Verdict(r.Correct),
        yourAnswer = r.Question.Describe(r.Choice),
        rightAnswer = r.Question.Describe(r.Question.Answer),
        explanation = r.Question.Explanation,
        notice = r.Notice ?? "",
    });

    public JsonObject Review(ReviewView review) => templates.Render("review", new
    {
        title = review.BankTitle,
        score = review.ScoreText,
        summary = $"You scored {review.Score} out of {review.Count}. Here is every question with your answer and the right one.",
        items = review.Items.Select(i => new
        {
            number = i.Number,
            text = i.Question.Text,
            yourAnswer = i.Choice is { } c ? i.Question.Describe(c) : "(not answered)",
            rightAnswer = i.Question.Describe(i.Question.Answer),
            correct = i.Correct,
            mark = i.Correct ? "✅" : "❌",
            explanation = i.Question.Explanation,
        }),
    });

    public JsonObject ChooseBank(IEnumerable<QuestionBank> banks, string channelId, string prompt) => templates.Render("bank-choice", new
    {
        prompt,
        actionType = ActionTypeFor(channelId),
        banks = banks.Select(b => new
        {
            title = b.Title,
            description = b.Description,
            questionCount = b.Questions.Count,
            data = CardAction.StartData(b.Id),
        }),
    });

    public JsonObject Welcome(string channelId) => templates.Render("welcome", new
    {
        title = "Hi, I'm QuizBot",
        lines = HelpText.Lines,
        actionType = ActionTypeFor(channelId),
        startData = CardAction.StartData(null),
    });
}
