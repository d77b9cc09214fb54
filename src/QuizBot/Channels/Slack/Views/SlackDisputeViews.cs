using QuizBot.Chat;
using QuizBot.Quizzes.Disputes;
using static QuizBot.Channels.Slack.SlackQuizViews;

namespace QuizBot.Channels.Slack;

// The admins' list of reported questions: one section per question with its reports, and a select of the decisions
// (void, each other choice as the new right answer, dismiss) whose option values are the decisions' card data.
internal static class SlackDisputeViews
{
    private const int ReportsShown = 5;

    public static SlackViewData Disputes(DisputesView view) => new("disputes", new
    {
        fallback = $"{Wording.DisputesTitle}: {view.Questions.Count + view.MoreQuestions}",
        title = Wording.DisputesTitle,
        decide = "Decide…",
        questions = view.Questions.Select(q => new
        {
            text = Text(q),
            options = Options(q),
        }),
        more = view.MoreQuestions > 0 ? Wording.MoreDisputes(view.MoreQuestions) : "",
    });

    private static string Text(DisputedQuestion q)
    {
        var lines = new List<string>
        {
            $"*{E(q.Question?.Text ?? Wording.DisputeQuestionLeft(q.QuestionId))}*",
            $"{E(q.BankTitle)}{(q.Question is { } asked ? $" · Right answer now: {E(asked.Describe(asked.Answer))}" : "")}",
            $"{Wording.ReportCount(q.Count)}: {Wording.ReasonsText(q.Reasons)}",
        };
        lines.AddRange(q.Reports.Take(ReportsShown).Select(r => "> " + SlackMrkdwn.FromMarkup(Wording.ReportLine(r))));
        if (q.Count > ReportsShown)
        {
            lines.Add($"…and {q.Count - ReportsShown} more.");
        }
        return string.Join("\n", lines);
    }

    private static IEnumerable<object> Options(DisputedQuestion q)
    {
        yield return new { label = Wording.DisputeVoidLabel, value = Value(q, "void", null) };
        if (q.Question is { } asked)
        {
            for (var i = 0; i < asked.Choices.Count; i++)
            {
                if (i != asked.Answer)
                {
                    yield return new { label = $"New right answer: {Quizzes.Question.Label(i)}", value = Value(q, "answer", i) };
                }
            }
        }
        yield return new { label = Wording.DisputeDismissLabel, value = Value(q, "dismiss", null) };
    }

    private static string Value(DisputedQuestion q, string verdict, int? choice) =>
        new CardAction.Dispute(q.BankId, q.QuestionId, verdict, choice).ToData().ToJsonString();
}
