using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Channels.Teams;

// Team-round views as Adaptive Cards. The shared question card shows only counts and names, never who chose what;
// in Teams it also lists who answered for a refresh, so each of them keeps seeing their own result on it.
internal sealed class RoundCards(CardTemplates templates)
{
    public const int MaxRefreshUsers = 60;
    private const int RecentNamesShown = 5;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public JsonObject Question(RoundQuestionView v, string channelId, IReadOnlyList<string> refreshUserIds) =>
        WithRefresh(templates.Render("round-question", new
        {
            title = v.BankTitle,
            text = v.Question.Text,
            actionType = QuizCards.ActionTypeFor(channelId),
            choices = v.Question.Choices.Select((text, i) => new
            {
                label = Quizzes.Question.Label(i),
                text,
                data = CardAction.RoundAnswerData(v.Post.Id, i),
            }),
            countText = CountText(v.Answers),
            recent = Recent(v.RecentAnswerers),
            closes = Closes(v.Post),
        }), v.Post.Id, channelId, refreshUserIds);

    public JsonObject Result(RoundResultView r, int answers, string channelId, IReadOnlyList<string> refreshUserIds) =>
        WithRefresh(templates.Render("round-result", new
        {
            title = r.BankTitle,
            text = r.Question.Text,
            correct = r.Correct,
            verdict = QuizCards.Verdict(r.Correct),
            yourAnswer = r.Question.Describe(r.Choice),
            rightAnswer = r.Question.Describe(r.Question.Answer),
            explanation = r.Question.Explanation,
            notice = r.Notice ?? "",
            countText = CountText(answers),
            closes = Closes(r.Post),
        }), r.Post.Id, channelId, refreshUserIds);

    public JsonObject Closed(ClosedPostView v)
    {
        var total = v.Answers;
        return templates.Render("round-closed", new
        {
            title = v.BankTitle,
            text = v.Question.Text,
            rightAnswer = v.Question.Describe(v.Question.Answer),
            explanation = v.Question.Explanation,
            countText = total switch { 0 => "No answers", 1 => "1 answer", _ => $"{total} answers" },
            options = v.Question.Choices.Select((text, i) =>
            {
                var count = i < v.Tally.Count ? v.Tally[i] : 0;
                var right = i == v.Question.Answer;
                return new
                {
                    label = Quizzes.Question.Label(i),
                    text,
                    count,
                    percent = total == 0 ? 0 : (int)Math.Round(100.0 * count / total),
                    mark = right ? "✅ " : "",
                    weight = right ? "Bolder" : "Default",
                };
            }),
            fastest = v.Fastest.Select((f, i) => new { place = i + 1, name = f.Name, after = After(f.After) }),
        });
    }

    public JsonObject Board(BoardView b)
    {
        var me = b.Me is { } m && !b.Rows.Any(r => r.IsMe) ? new[] { Row(m) } : [];
        return templates.Render("board", new
        {
            title = b.Title,
            period = b.PeriodLabel == "all time" ? "All time" : $"Period: {b.PeriodLabel}",
            hasRows = b.Rows.Count > 0,
            rows = b.Rows.Select(Row),
            meRows = me,
            members = b.Members == 1 ? "1 person on this board" : $"{b.Members} people on this board",
            tieRule = BoardView.TieRule,
        });
    }

    public JsonObject Stats(StatsView s) => templates.Render("stats", new
    {
        title = $"Stats for {s.Name}",
        answered = Number(s.Answered),
        correct = Number(s.Correct),
        accuracy = $"{s.AccuracyPercent}%",
        streak = Number(s.Streak),
        bestStreak = Number(s.BestStreak),
        week = $"{s.WeekAnswered} answered, {s.WeekCorrect} correct",
    });

    public JsonObject Missed(string title, IReadOnlyList<MissedQuestion> items) => templates.Render("missed", new
    {
        title,
        emptyText = "No closed questions with answers yet: nothing to show.",
        items = items.Select((m, i) => new
        {
            number = i + 1,
            text = m.Question.Text,
            rightAnswer = m.Question.Describe(m.Question.Answer),
            wrongText = m.Answers == 1 ? $"{m.WrongPercent}% of 1 answer was wrong" : $"{m.WrongPercent}% of {m.Answers} answers were wrong",
        }),
    });

    public JsonObject ScheduleForm(IEnumerable<QuestionBank> banks, string channelId)
    {
        var list = banks.ToList();
        return templates.Render("schedule-form", new
        {
            title = "Schedule a team round",
            intro = "QuizBot posts questions here on this schedule; everyone answers on the card and the team gets a leaderboard.",
            actionType = QuizCards.ActionTypeFor(channelId),
            defaultBank = list.Count > 0 ? list[0].Id : "",
            banks = list.Select(b => new { id = b.Id, title = b.Title }),
            data = CardAction.ScheduleFormData(),
        });
    }

    public static string CountText(int answers) => answers switch
    {
        0 => "No answers yet",
        1 => "1 answer so far",
        _ => $"{answers} answers so far",
    };

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

    private static string Recent(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        <= RecentNamesShown => "Answered: " + string.Join(", ", names),
        _ => $"Answered: {string.Join(", ", names.Take(RecentNamesShown))} and {names.Count - RecentNamesShown} more",
    };

    private static object Row(BoardRow r) => new
    {
        rank = Number(r.Rank),
        name = r.Name,
        points = Number(r.Points),
        correct = Number(r.Correct),
        accuracy = $"{r.AccuracyPercent}%",
        streak = Number(r.Streak),
        weight = r.IsMe ? "Bolder" : "Default",
    };

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

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
                ["verb"] = CardAction.RoundView,
                ["data"] = JsonSerializer.SerializeToNode(CardAction.RoundViewData(postId), Web),
            },
            ["userIds"] = new JsonArray([.. userIds.Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers).Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
        return card;
    }
}
