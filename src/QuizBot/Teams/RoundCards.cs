using System.Text.Json.Nodes;
using QuizBot.Cards;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Teams;

// TEMPORARY stand-in until the round templates land (branch cards).
internal sealed class RoundCards(CardTemplates templates)
{
    public JsonObject Question(RoundQuestionView v, string channelId, IReadOnlyList<string> refreshUserIds) => templates.Render("round-question", new
    {
        title = v.BankTitle,
        text = v.Question.Text,
        count = v.Answers == 0 ? "No answers yet" : v.Answers == 1 ? "1 answer so far" : $"{v.Answers} answers so far",
        closes = "Answers close at " + RoundAdmin.FormatLocal(v.Post.ClosesAt, v.Zone),
        choices = v.Question.Choices.Select((text, i) => new { text, data = CardAction.RoundAnswerData(v.Post.Id, i) }),
        refresh = channelId == "msteams" && refreshUserIds.Count > 0 ? new { userIds = refreshUserIds.Take(60), data = CardAction.RoundViewData(v.Post.Id) } : null,
    });

    public JsonObject Result(RoundResultView r, int answers, string channelId, IReadOnlyList<string> refreshUserIds) => templates.Render("round-result", new
    {
        title = r.BankTitle,
        text = r.Question.Text,
        verdict = r.Correct ? "✅ Correct!" : "❌ Not quite",
        yourAnswer = r.Question.Describe(r.Choice),
        rightAnswer = r.Question.Describe(r.Question.Answer),
        explanation = r.Question.Explanation,
        notice = r.Notice ?? "",
        count = $"{answers} answers so far",
        refresh = channelId == "msteams" && refreshUserIds.Count > 0 ? new { userIds = refreshUserIds.Take(60), data = CardAction.RoundViewData(r.Post.Id) } : null,
    });

    public JsonObject Closed(ClosedPostView v) => templates.Render("round-closed", new
    {
        title = v.BankTitle,
        text = v.Question.Text,
        status = "Closed",
        rightAnswer = v.Question.Describe(v.Question.Answer),
        explanation = v.Question.Explanation,
        options = v.Question.Choices.Select((text, i) => new { text, count = v.Tally[i], line = $"{Quizzes.Question.Label(i)}: {v.Tally[i]}" }),
        fastest = v.Fastest.Select(f => $"{f.Name} after {(int)f.After.TotalSeconds} s"),
    });

    public JsonObject Board(BoardView b) => templates.Render("leaderboard", new
    {
        title = b.Title,
        period = b.PeriodLabel,
        rows = b.Rows.Select(r => new { line = $"{r.Rank}. {r.Name} {r.Points} pts {r.Correct}/{r.Answered} {r.AccuracyPercent}% streak {r.Streak}", r.IsMe }),
        me = b.Me is { } m ? $"{m.Rank}. {m.Name} {m.Points} pts" : "",
        tieRule = BoardView.TieRule,
    });

    public JsonObject Stats(StatsView s) => templates.Render("stats", new
    {
        line = $"{s.Name}: answered {s.Answered}, correct {s.Correct}, accuracy {s.AccuracyPercent}%, streak {s.Streak}, best {s.BestStreak}",
    });

    public JsonObject Missed(string title, IReadOnlyList<MissedQuestion> items) => templates.Render("missed", new
    {
        title,
        items = items.Select(m => new { m.Question.Text, wrong = $"{m.WrongPercent}% wrong" }),
    });

    public JsonObject ScheduleForm(IEnumerable<QuestionBank> banks, string channelId) => templates.Render("schedule-form", new
    {
        banks = banks.Select(b => new { title = b.Title, value = b.Id }),
        actionType = QuizCards.ActionTypeFor(channelId),
        data = CardAction.ScheduleFormData(),
    });
}
