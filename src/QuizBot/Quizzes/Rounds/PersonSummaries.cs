using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// Builds a PersonSummary from what the boards and posts already keep. Its cost is bounded however long a workspace has
// played: at most MaxConversations rounds (the most recently scheduled), a few open posts each with one answer read
// per post, and two board reads per conversation the person has played in.
internal sealed class PersonSummaries(IRoundStore rounds, IBoardStore boards, ISessionStore sessions, Leaderboards leaderboards, BankCatalog banks,
    TimeProvider time)
{
    public const int MaxConversations = 20;
    public const int MaxOpenPerConversation = 5;
    public const int MaxOpen = 10;
    public const int BoardTop = 5;
    public const string WeekTitle = "This week's leaderboard";

    // The open-post read starts this far back at least, so a round rescheduled with a shorter window still shows
    // a post that its earlier, longer window keeps open.
    private static readonly TimeSpan MinLookBack = TimeSpan.FromDays(1);

    public async Task<PersonSummary> ForAsync(string conversationKeyPrefix, Participant who, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var listed = await rounds.GetRoundsAsync(conversationKeyPrefix, MaxConversations, ct);
        var parts = await Task.WhenAll(listed.Select(r => ConversationAsync(r, who, now, ct)));
        var played = parts.Where(p => p.AllTime is not null).ToList();
        var totals = new PersonTotals(
            played.Sum(p => p.AllTime!.Answered), played.Sum(p => p.AllTime!.Correct), played.Sum(p => p.AllTime!.Points),
            played.Select(p => p.AllTime!.Streak).DefaultIfEmpty().Max(), played.Select(p => p.AllTime!.BestStreak).DefaultIfEmpty().Max(), played.Count);
        var open = parts.SelectMany(p => p.Open).OrderBy(q => q.Post.ClosesAt).ThenBy(q => q.Post.Id, StringComparer.Ordinal).Take(MaxOpen).ToList();
        var weekBoards = played.Select(p => new ConversationBoard(p.Key, p.Week!)).ToList();
        return new PersonSummary(totals, open, weekBoards, await QuizAsync(who, ct));
    }

    private sealed record Part(string Key, BoardEntry? AllTime, BoardView? Week, IReadOnlyList<OpenQuestion> Open);

    private async Task<Part> ConversationAsync(Round round, Participant who, DateTimeOffset now, CancellationToken ct)
    {
        var key = round.ConversationKey;
        var allTime = (await boards.GetBoardAsync(key, Periods.All, 0, who.Key, ct)).Me?.Entry;
        var week = allTime is null
            ? null
            : await leaderboards.BoardAsync(key, Periods.Week(now, TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone)), WeekTitle, who, BoardTop, ct);
        return new Part(key, allTime, week, await UnansweredAsync(round, who, now, ct));
    }

    private async Task<List<OpenQuestion>> UnansweredAsync(Round round, Participant who, DateTimeOffset now, CancellationToken ct)
    {
        var from = now - (round.Window > MinLookBack ? round.Window : MinLookBack);
        var open = new List<OpenQuestion>();
        foreach (var post in await rounds.GetOpenPostsAsync(round.ConversationKey, from, MaxOpenPerConversation, ct))
        {
            if (post.ClosesAt > now && banks.Get(post.BankId, post.BankVersion) is { } bank && bank.Resolve(post.Question) is { } question
                && await rounds.GetPostAnswerAsync(post.Id, who.Key, ct) is null)
            {
                open.Add(new OpenQuestion(round.ConversationKey, post, bank.Title, question));
            }
        }
        return open;
    }

    private async Task<ActiveQuiz?> QuizAsync(Participant who, CancellationToken ct) =>
        await sessions.GetActiveSessionAsync(who.Key, ct) is { } session && banks.Get(session.BankId, session.BankVersion) is { } bank
            ? new ActiveQuiz(bank.Title, session.Position, session.Order?.Count ?? bank.Questions.Count)
            : null;
}
