using Cronos;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// What is due now: slots to post (claimed first, so exactly one instance posts each), posts to close,
// weekly boards. Channels do the sending and report back.
internal sealed partial class RoundRunner(IRoundStore store, BankCatalog banks, Leaderboards boards, ILogger<RoundRunner> log)
{
    // A long outage must not make one tick walk years of minutes.
    private const int MaxSlotsPerTick = 10_000;

    public async Task<IReadOnlyList<DueWork>> ClaimDueAsync(DateTimeOffset now, string instance, CancellationToken ct)
    {
        var work = new List<DueWork>();
        foreach (var due in await store.GetDueRoundsAsync(now, ct))
        {
            var round = due;
            if (round.NextDueAt is { } slot && slot <= now)
            {
                var (advanced, posts) = Plan(round, slot, now, instance);
                if (!await store.ClaimSlotAsync(advanced, round.Version, posts, ct))
                {
                    continue; // another instance took this slot
                }
                round = advanced;
                foreach (var post in posts)
                {
                    var bank = banks.Get(post.BankId)!;
                    work.Add(new DueWork.PostQuestion(new RoundQuestionView(post, bank.Title, bank.Resolve(post.Question)!, 0, [])));
                }
            }
            if (round.WeeklyBoard && round.NextBoardAt is { } boardAt && boardAt <= now)
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone);
                var advanced = round with { NextBoardAt = Periods.NextWeekStart(now, zone), Version = round.Version + 1 };
                if (await store.ClaimSlotAsync(advanced, round.Version, [], ct))
                {
                    var finishedWeek = boardAt.AddMinutes(-1);
                    work.Add(new DueWork.PostBoard(round.ConversationKey,
                        await boards.BoardAsync(round.ConversationKey, Periods.Week(finishedWeek, zone), "Last week's final board", null, ct)));
                }
            }
        }
        return work;
    }

    public Task PostedAsync(string postId, string? messageId, DateTimeOffset at, CancellationToken ct) => store.MarkPostedAsync(postId, messageId, at, ct);

    public Task FailedAsync(string postId, CancellationToken ct) => store.MarkPostFailedAsync(postId, ct);

    // Claims a post outside the schedule (`post now`), advancing the round's question cursor.
    public async Task<DueWork.PostQuestion?> PostNowAsync(string conversationKey, DateTimeOffset now, string instance, CancellationToken ct)
    {
        var round = await store.GetRoundAsync(conversationKey, ct);
        if (round is null || round.Status == RoundStatus.Cancelled || banks.Get(round.BankId) is not { } bank)
        {
            return null;
        }
        var post = NextPost(round, bank, now, 0, instance);
        if (post is null || !await store.ClaimSlotAsync(round with { Cursor = round.Cursor + 1, Version = round.Version + 1 }, round.Version, [post], ct))
        {
            return null;
        }
        return new DueWork.PostQuestion(new RoundQuestionView(post, bank.Title, bank.Resolve(post.Question)!, 0, []));
    }

    private (Round Advanced, List<RoundPost> Posts) Plan(Round round, DateTimeOffset slot, DateTimeOffset now, string instance)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone);
        var cron = CronExpression.Parse(round.Cron, CronFormat.Standard);
        // Catch up after downtime: only the latest slot can still be open (windows never exceed the interval).
        var latest = slot;
        for (var i = 0; i < MaxSlotsPerTick && cron.GetNextOccurrence(latest, zone) is { } next && next <= now; i++)
        {
            LogSkipped(log, round.ConversationKey, latest);
            latest = next;
        }
        var posts = new List<RoundPost>();
        if (latest + round.Window > now && banks.Get(round.BankId) is { } bank)
        {
            for (var n = 0; n < round.QuestionsPerPost; n++)
            {
                if (NextPost(round with { Cursor = round.Cursor + n }, bank, latest, n, instance) is { } post)
                {
                    posts.Add(post);
                }
            }
        }
        else
        {
            LogSkipped(log, round.ConversationKey, latest);
        }
        var exhausted = !round.Repeat && banks.Get(round.BankId) is { } b && round.Cursor + posts.Count >= b.Questions.Count;
        var advanced = round with
        {
            Cursor = round.Cursor + posts.Count,
            NextDueAt = exhausted ? null : cron.GetNextOccurrence(now, zone),
            Version = round.Version + 1,
        };
        return (advanced, posts);
    }

    private static RoundPost? NextPost(Round round, QuestionBank bank, DateTimeOffset slot, int n, string instance)
    {
        if (!round.Repeat && round.Cursor >= bank.Questions.Count)
        {
            return null;
        }
        var question = bank.Questions[round.Cursor % bank.Questions.Count];
        return new RoundPost(RoundPost.IdFor(round.ConversationKey, slot, n), round.ConversationKey, bank.Id, PostedQuestion.Of(question),
            slot, slot + round.Window, round.TimeZone, PostState.Claimed, null, null, instance, null, false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the slot at {Slot} in {Conversation}: its answer window had passed (the service was down)")]
    private static partial void LogSkipped(ILogger logger, string conversation, DateTimeOffset slot);
}
