using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes.Disputes;
using QuizBot.Templating;
using static QuizBot.Channels.Teams.TeamsMarkdown;

namespace QuizBot.Channels.Teams;

// The admins' list of reported questions (disputes.json): per question its reports and the three decisions. Questions,
// names and report texts are other people's words, escaped here.
internal sealed class DisputeCards(CardTemplates templates)
{
    public JsonObject Disputes(DisputesView view, string channelId) => templates.Render("disputes", new
    {
        title = Wording.DisputesTitle,
        actionType = QuizCards.ActionTypeFor(channelId),
        labels = new { @void = Wording.DisputeVoidLabel, newAnswer = Wording.DisputeNewAnswerLabel, pick = Wording.DisputePickLabel, dismiss = Wording.DisputeDismissLabel },
        questions = view.Questions.Select(q => new
        {
            bankTitle = Escape(q.BankTitle),
            text = Escape(q.Question?.Text ?? Wording.DisputeQuestionLeft(q.QuestionId)),
            rightAnswer = q.Question is { } question ? Escape(question.Describe(question.Answer)) : "",
            countText = Wording.ReportCount(q.Count),
            reasonsText = Wording.ReasonsText(q.Reasons),
            reports = q.Reports.Select(r => new { line = FromMarkup(Wording.ReportLine(r)) }),
            voidData = new CardAction.Dispute(q.BankId, q.QuestionId, "void", null).ToData(),
            dismissData = new CardAction.Dispute(q.BankId, q.QuestionId, "dismiss", null).ToData(),
            choices = q.Question is { } asked
                ? asked.Choices.Select((text, i) => new { i, label = Quizzes.Question.Label(i), text = Escape(text) })
                    .Where(c => c.i != asked.Answer)
                    .Select(c => new { c.label, c.text, data = new CardAction.Dispute(q.BankId, q.QuestionId, "answer", c.i).ToData() })
                    .ToList()
                : [],
        }),
        more = view.MoreQuestions > 0 ? Wording.MoreDisputes(view.MoreQuestions) : "",
    });
}
