using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Templating;
using static QuizBot.Channels.Teams.TeamsMarkdown;

namespace QuizBot.Channels.Teams;

// Team-round views as Adaptive Cards. The shared question card shows only counts and names, never who chose what;
// in Teams it also lists who answered for a refresh, so each of them keeps seeing their own result on it. Every text
// from a bank or a person is escaped here (TeamsMarkdown.Escape): templates only decide looks.
internal sealed class RoundCards(CardTemplates templates)
{
    // Teams shows a card with refresh to at most 60 listed users their own view.
    public const int MaxRefreshUsers = 60;

    public JsonObject Question(RoundQuestionView v, string channelId, IReadOnlyList<string> refreshUserIds) =>
        WithRefresh(templates.Render("round-question", new
        {
            title = Escape(v.BankTitle),
            text = Escape(v.Question.Text),
            actionType = QuizCards.ActionTypeFor(channelId),
            choices = v.Question.Choices.Select((text, i) => new
            {
                label = Quizzes.Question.Label(i),
                text = Escape(text),
                data = new CardAction.RoundAnswer(v.Post.Id, i).ToData(),
            }),
            countText = Wording.CountText(v.Answers),
            recent = Escape(Wording.Recent(v.RecentAnswerers, v.Answers)),
            closes = Wording.Closes(v.Post),
        }), v.Post.Id, channelId, refreshUserIds);

    public JsonObject Result(RoundResultView r, int answers, string channelId, IReadOnlyList<string> refreshUserIds) =>
        Result(r, Wording.CountText(answers), channelId, refreshUserIds);

    // countText as Wording.CountText words it (RoundResultAnswers passes a placeholder).
    public JsonObject Result(RoundResultView r, string countText, string channelId, IReadOnlyList<string> refreshUserIds) =>
        WithRefresh(templates.Render("round-result", new
        {
            actionType = QuizCards.ActionTypeFor(channelId),
            hasReport = true,
            report = ReportForm.For(new CardAction.Report(r.Post.Id, null, null, null, null)),
            title = Escape(r.BankTitle),
            text = Escape(r.Question.Text),
            correct = r.Correct,
            verdict = Wording.Verdict(r.Correct),
            yourAnswer = Escape(r.Question.Describe(r.Choice)),
            rightAnswer = Escape(r.Question.Describe(r.Question.Answer)),
            explanation = Escape(r.Question.ExplanationFor(r.Choice)),
            notice = FromMarkup(r.Notice ?? ""),
            countText,
            closes = Wording.Closes(r.Post),
        }), r.Post.Id, channelId, refreshUserIds);

    public JsonObject Closed(ClosedPostView v)
    {
        var total = v.Answers;
        return templates.Render("round-closed", new
        {
            title = Escape(v.BankTitle),
            text = Escape(v.Question.Text),
            rightAnswer = Escape(v.Question.Describe(v.Question.Answer)),
            explanation = Escape(v.Question.Explanation),
            countText = Wording.ClosedCountText(total),
            options = v.Question.Choices.Select((text, i) =>
            {
                var count = i < v.Tally.Count ? v.Tally[i] : 0;
                var right = i == v.Question.Answer;
                return new
                {
                    label = Quizzes.Question.Label(i),
                    text = Escape(text),
                    count,
                    percent = total == 0 ? 0 : (int)Math.Round(100.0 * count / total),
                    mark = right ? "✅ " : "",
                    weight = right ? "Bolder" : "Default",
                };
            }),
            fastest = v.Fastest.Select((f, i) => new { place = i + 1, name = Escape(f.Name), after = Wording.After(f.After) }),
        });
    }

    public JsonObject Board(BoardView b)
    {
        var me = b.Me is { } m && !b.Rows.Any(r => r.IsMe) ? new[] { Row(m) } : [];
        return templates.Render("board", new
        {
            title = Escape(b.Title),
            period = Wording.Period(b.PeriodLabel),
            hasRows = b.Rows.Count > 0,
            rows = b.Rows.Select(Row),
            meRows = me,
            members = Wording.Members(b.Members),
            tieRule = BoardView.TieRule,
        });
    }

    public JsonObject Stats(StatsView s) => templates.Render("stats", new
    {
        title = $"Stats for {Escape(s.Name)}",
        answered = Number(s.Answered),
        correct = Number(s.Correct),
        accuracy = $"{s.AccuracyPercent}%",
        streak = Number(s.Streak),
        bestStreak = Number(s.BestStreak),
        week = Wording.Week(s),
    });

    public JsonObject Missed(string title, IReadOnlyList<MissedQuestion> items) => templates.Render("missed", new
    {
        title = Escape(title),
        emptyText = Wording.MissedEmpty,
        items = items.Select((m, i) => new
        {
            number = i + 1,
            text = Escape(m.Question.Text),
            rightAnswer = Escape(m.Question.Describe(m.Question.Answer)),
            wrongText = Wording.WrongText(m),
        }),
    });

    public JsonObject ScheduleForm(IEnumerable<QuestionBank> banks, string channelId)
    {
        var list = banks.ToList();
        return templates.Render("schedule-form", new
        {
            title = Wording.ScheduleTitle,
            intro = Wording.ScheduleIntro,
            actionType = QuizCards.ActionTypeFor(channelId),
            defaultBank = list.Count > 0 ? list[0].Id : "",
            banks = list.Select(b => new { id = b.Id, title = b.Title }),
            data = new CardAction.ScheduleForm(new Dictionary<string, string>()).ToData(),
        });
    }

    private static object Row(BoardRow r) => new
    {
        rank = Number(r.Rank),
        name = Escape(r.Name),
        points = Number(r.Points),
        correct = Number(r.Correct),
        accuracy = $"{r.AccuracyPercent}%",
        streak = Number(r.Streak),
        weight = r.IsMe ? "Bolder" : "Default",
    };

    private static string Number(int n) => Wording.Number(n);

    // Teams only: a card with refresh is re-fetched per listed user (Action.Execute, verb round-view), at most 60 of them.
    private static JsonObject WithRefresh(JsonObject card, string postId, string channelId, IReadOnlyList<string> userIds)
    {
        if (channelId != "msteams" || userIds.Count == 0)
        {
            return card;
        }
        card["refresh"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = CardAction.RoundViewVerb,
                ["data"] = new CardAction.RoundView(postId).ToData(),
            },
            ["userIds"] = new JsonArray([.. userIds.Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers).Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
        return card;
    }
}
