using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// Boards, personal stats and the questions a team gets wrong, all read from aggregates kept at close time.
internal sealed class Leaderboards(IBoardStore boards, IRoundStore rounds, BankCatalog banks, TimeProvider time)
{
    public const int Top = 10;

    public Task<BoardView> BoardAsync(string conversationKey, string span, Participant? who, CancellationToken ct) =>
        BoardAsync(conversationKey, span, who, Top, ct);

    // The same board with more rows (the dashboard shows every member): its first rows are the chat board's.
    public async Task<BoardView> BoardAsync(string conversationKey, string span, Participant? who, int top, CancellationToken ct)
    {
        var (period, title) = await PeriodAsync(conversationKey, span, ct);
        return await BoardAsync(conversationKey, period, title, who, top, ct);
    }

    // The period a span ("week", "month", "all") names now, in the conversation's round's time zone, and its board's title.
    public async Task<(string Period, string Title)> PeriodAsync(string conversationKey, string span, CancellationToken ct)
    {
        var zone = await ZoneAsync(conversationKey, ct);
        var now = time.GetUtcNow();
        return span switch
        {
            "month" => (Periods.Month(now, zone), "This month's leaderboard"),
            "all" => (Periods.All, "All-time leaderboard"),
            _ => (Periods.Week(now, zone), "This week's leaderboard"),
        };
    }

    public Task<BoardView> BoardAsync(string conversationKey, string period, string title, Participant? who, CancellationToken ct) =>
        BoardAsync(conversationKey, period, title, who, Top, ct);

    public async Task<BoardView> BoardAsync(string conversationKey, string period, string title, Participant? who, int top, CancellationToken ct)
    {
        var page = await boards.GetBoardAsync(conversationKey, period, top, who?.Key ?? "", ct);
        BoardRow Row(RankedEntry r) => new(r.Rank, r.Entry.Name, r.Entry.Points, r.Entry.Correct, r.Entry.Answered, r.Entry.Streak, r.Entry.UserKey == who?.Key);
        var rows = page.Top.Select(Row).ToList();
        var me = page.Me is { } m && rows.All(r => !r.IsMe) ? Row(m) : null;
        var label = period == Periods.All ? "all time" : period[(period.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return new BoardView(title, label, rows, me, page.Members);
    }

    public async Task<StatsView> StatsAsync(string conversationKey, Participant who, CancellationToken ct)
    {
        var zone = await ZoneAsync(conversationKey, ct);
        var all = (await boards.GetBoardAsync(conversationKey, Periods.All, 0, who.Key, ct)).Me?.Entry;
        var week = (await boards.GetBoardAsync(conversationKey, Periods.Week(time.GetUtcNow(), zone), 0, who.Key, ct)).Me?.Entry;
        return new StatsView(who.Name, all?.Answered ?? 0, all?.Correct ?? 0, all?.Streak ?? 0, all?.BestStreak ?? 0, week?.Answered ?? 0, week?.Correct ?? 0);
    }

    // Managers' view: the closed questions most often answered wrong, from the tallies stored at close.
    public async Task<IReadOnlyList<MissedQuestion>> MissedAsync(string conversationKey, int count, CancellationToken ct)
    {
        var posts = await rounds.GetClosedPostsAsync(conversationKey, 500, ct);
        // Each post is scored with the key it was posted with; a question withdrawn from the bank since drops out.
        return posts.Where(p => p.Tally is not null)
            .Select(p => (Post: p, Question: banks.Resolve(p)))
            .Where(x => x.Question is not null && x.Question.Answer < x.Post.Tally!.Count)
            .GroupBy(x => (x.Post.BankId, x.Question!.Id))
            .Select(g =>
            {
                var answers = g.Sum(x => x.Post.Tally!.Sum());
                var right = g.Sum(x => x.Post.Tally![x.Question!.Answer]);
                return new MissedQuestion(g.Last().Question!, answers, answers - right);
            })
            .Where(m => m.Answers > 0)
            .OrderByDescending(m => (double)m.Wrong / m.Answers).ThenByDescending(m => m.Answers)
            .Take(count).ToList();
    }

    private async Task<TimeZoneInfo> ZoneAsync(string conversationKey, CancellationToken ct) =>
        await rounds.GetRoundAsync(conversationKey, ct) is { } round ? TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone) : TimeZoneInfo.Utc;
}
