using Cronos;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Rounds;

// One post as the page lists it. Question null: its bank no longer holds it.
internal sealed record PostLine(RoundPost Post, Question? Question, int Answers);

// What the rounds page shows of a conversation: its round (null: never scheduled), the round's bank, the posts open for
// answers and the latest ones that are over (closed, failed, void), newest first.
internal sealed record RoundsOverview(Round? Round, QuestionBank? Bank, IReadOnlyList<PostLine> Open, IReadOnlyList<PostLine> Recent);

internal sealed class RoundsReader(IRoundStore store, BankCatalog banks, TimeProvider time)
{
    public const int RecentShown = 10;

    // Posts of slots older than this are not looked for one by one (closed ones still come from the store's list).
    private static readonly TimeSpan SlotLookBack = TimeSpan.FromDays(14);

    public async Task<RoundsOverview> ReadAsync(string conversationKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var round = await store.GetRoundAsync(conversationKey, ct);
        var openFrom = now - (round is { } r && r.Window > TimeSpan.FromDays(7) ? r.Window : TimeSpan.FromDays(7));
        var open = new List<PostLine>();
        foreach (var post in await store.GetOpenPostsAsync(conversationKey, openFrom, 20, ct))
        {
            open.Add(await LineAsync(post, ct));
        }
        var over = new Dictionary<string, RoundPost>();
        foreach (var post in await store.GetClosedPostsAsync(conversationKey, RecentShown, ct))
        {
            over[post.Id] = post;
        }
        if (round is not null)
        {
            foreach (var post in await UnlistedAsync(round, now, ct))
            {
                over[post.Id] = post;
            }
        }
        var recent = new List<PostLine>();
        foreach (var post in over.Values.OrderByDescending(p => p.SlotAt).ThenBy(p => p.Id, StringComparer.Ordinal).Take(RecentShown))
        {
            recent.Add(await LineAsync(post, ct));
        }
        return new RoundsOverview(round, round is null ? null : banks.Get(round.BankId), open, recent);
    }

    // The store lists open and closed posts of a conversation, not failed or void ones. A scheduled post's id is its
    // slot's (RoundPost.IdFor), so the round's latest slots name the posts to read: the ones that failed, were voided or
    // are still being sent are found that way. A `post now` that failed is not (its id comes from the command).
    private async Task<List<RoundPost>> UnlistedAsync(Round round, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone);
        var slots = new Queue<DateTimeOffset>();
        foreach (var slot in CronExpression.Parse(round.Cron, CronFormat.Standard).GetOccurrences(now - SlotLookBack, now, zone, true, true))
        {
            slots.Enqueue(slot);
            if (slots.Count > RecentShown)
            {
                slots.Dequeue();
            }
        }
        var found = new List<RoundPost>();
        foreach (var slot in slots)
        {
            for (var n = 0; n < round.QuestionsPerPost; n++)
            {
                if (await store.GetPostAsync(RoundPost.IdFor(round.ConversationKey, slot, n), ct) is { State: PostState.Failed or PostState.Void or PostState.Claimed } post)
                {
                    found.Add(post);
                }
            }
        }
        return found;
    }

    private async Task<PostLine> LineAsync(RoundPost post, CancellationToken ct)
    {
        // A closed post's tally is final (and cheaper than counting); otherwise the answers so far.
        var answers = post is { State: PostState.Closed, Tally: { } tally } ? tally.Sum() : (await store.GetPostSummaryAsync(post.Id, 0, ct)).Count;
        return new PostLine(post, banks.Resolve(post), answers);
    }
}
