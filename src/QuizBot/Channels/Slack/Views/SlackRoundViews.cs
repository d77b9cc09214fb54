using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using static QuizBot.Channels.Slack.SlackQuizViews;

namespace QuizBot.Channels.Slack;

// The data for team-round views. The shared question shows counts and names, never who chose what; each person's
// verdict goes to them alone as an ephemeral message.
internal static class SlackRoundViews
{
    private const int BarCells = 10;

    public static SlackViewData Question(RoundQuestionView v) => new("round-question", new
    {
        fallback = $"Team round: {E(v.Question.Text)}",
        title = E(v.BankTitle),
        text = E(v.Question.Text),
        choicesText = ChoicesText(v.Question),
        choices = v.Question.Choices.Select((_, i) => Button($"quizbot-round-{i}", Quizzes.Question.Label(i), new CardAction.RoundAnswer(v.Post.Id, i))),
        countText = Wording.CountText(v.Answers),
        recent = Wording.Recent([.. v.RecentAnswerers.Select(E)], v.Answers),
        closes = Wording.Closes(v.Post),
    });

    public static SlackViewData Result(RoundResultView r, int answers) => Result(r, Wording.CountText(answers));

    // countText as Wording.CountText words it (SlackRoundResults passes a placeholder).
    public static SlackViewData Result(RoundResultView r, string countText) => new("round-result", new
    {
        fallback = Verdict(r.Correct, r.Question),
        verdict = Wording.Verdict(r.Correct),
        title = E(r.BankTitle),
        text = E(r.Question.Text),
        yourAnswer = E(r.Question.Describe(r.Choice)),
        rightAnswer = E(r.Question.Describe(r.Question.Answer)),
        explanation = E(r.Question.ExplanationFor(r.Choice)),
        notice = SlackMrkdwn.FromMarkup(r.Notice ?? ""),
        countText,
        closes = Wording.Closes(r.Post),
        report = ReportValue(new CardAction.Report(r.Post.Id, null, null, null, null)),
    });

    public static SlackViewData Closed(ClosedPostView v)
    {
        var total = v.Answers;
        return new("round-closed", new
        {
            fallback = $"Closed: {E(v.Question.Text)} Right answer: {E(v.Question.Describe(v.Question.Answer))}",
            title = E(v.BankTitle),
            text = E(v.Question.Text),
            rightAnswer = E(v.Question.Describe(v.Question.Answer)),
            explanation = E(v.Question.Explanation),
            countText = Wording.ClosedCountText(total),
            options = v.Question.Choices.Select((text, i) =>
            {
                var count = i < v.Tally.Count ? v.Tally[i] : 0;
                var percent = total == 0 ? 0 : (int)Math.Round(100.0 * count / total);
                return new
                {
                    label = Quizzes.Question.Label(i),
                    text = E(text),
                    right = i == v.Question.Answer,
                    count,
                    percent,
                    bar = Bar(percent),
                };
            }),
            fastest = v.Fastest.Select((f, i) => new { place = i + 1, name = E(f.Name), after = Wording.After(f.After) }),
        });
    }

    public static SlackViewData Board(BoardView b)
    {
        var me = b.Me is { } m && !b.Rows.Any(r => r.IsMe) ? new[] { Row(m) } : [];
        var top = string.Join(", ", b.Rows.Take(3).Select(r => $"{r.Rank}. {E(r.Name)} ({r.Points} points)"));
        return new("board", new
        {
            fallback = $"{E(b.Title)}, {Wording.Period(b.PeriodLabel)}: {(top.Length > 0 ? top : "no answers yet")}",
            title = E(b.Title),
            period = Wording.Period(b.PeriodLabel),
            hasRows = b.Rows.Count > 0,
            rows = b.Rows.Take(MaxRows).Select(Row),
            meRows = me,
            members = Wording.Members(b.Members),
            tieRule = BoardView.TieRule,
        });
    }

    public static SlackViewData Stats(StatsView s) => new("stats", new
    {
        fallback = $"Stats for {E(s.Name)}: {s.Answered} answered, {s.Correct} correct ({s.AccuracyPercent}%)",
        title = $"Stats for {E(s.Name)}",
        answered = Wording.Number(s.Answered),
        correct = Wording.Number(s.Correct),
        accuracy = $"{s.AccuracyPercent}%",
        streak = Wording.Number(s.Streak),
        bestStreak = Wording.Number(s.BestStreak),
        week = Wording.Week(s),
    });

    public static SlackViewData Missed(string title, IReadOnlyList<MissedQuestion> items) => new("missed", new
    {
        fallback = items.Count == 0 ? Wording.MissedEmpty : E(title),
        title = E(title),
        emptyText = Wording.MissedEmpty,
        items = items.Take(MaxRows).Select((m, i) => new
        {
            number = i + 1,
            text = E(m.Question.Text),
            rightAnswer = E(m.Question.Describe(m.Question.Answer)),
            wrongText = Wording.WrongText(m),
        }),
    });

    // Ties already share a rank in the engine's rows; the asking person's row is bold and says so.
    private static object Row(BoardRow r)
    {
        var line = $"{r.Rank}. {E(r.Name)}{(r.IsMe ? " (you)" : "")} · {r.Points} points · {r.Correct}/{r.Answered} correct ({r.AccuracyPercent}%) · streak {r.Streak}";
        return new { line = r.IsMe ? $"*{line}*" : line };
    }

    private static string Bar(int percent)
    {
        var filled = Math.Clamp((int)Math.Round(percent / (100.0 / BarCells)), 0, BarCells);
        // In code so the cells line up; the binder keeps backticks out of templates' expressions.
        return $"`{new string('█', filled)}{new string('░', BarCells - filled)}`";
    }
}
