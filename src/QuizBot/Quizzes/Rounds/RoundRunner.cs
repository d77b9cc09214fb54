using Cronos;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// What is due now: slots to post (claimed first, so exactly one instance posts each), posts to close,
// weekly boards. Channels do the sending and report back.
internal sealed partial class RoundRunner(IRoundStore store, BankCatalog banks, Leaderboards boards, ILogger<RoundRunner> log)
{
    // A long outage must not make one tick walk years of minutes.
    private const int MaxSlotsPerTick = 10_000;

    // How many lapsed claims one tick resolves: a backlog is worked off over a few ticks.
    private const int MaxLapsedClaimsPerTick = 100;

    // lease: how long the claiming instance has to send the card and mark the post posted (see RoundPost).
    public async Task<IReadOnlyList<DueWork>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, CancellationToken ct)
    {
        var work = new List<DueWork>();
        await foreach (var round in ClaimDueEachAsync(now, instance, lease, ct))
        {
            work.AddRange(round);
        }
        return work;
    }

    // The same claims one due round at a time, each round's work as soon as it is claimed, so that a caller can send
    // the first posts while later rounds are still being claimed (a claim is a store write; a thousand of them took
    // about a second before anything was sent). A round left unclaimed when the caller stops stays due.
    public async IAsyncEnumerable<IReadOnlyList<DueWork>> ClaimDueEachAsync(DateTimeOffset now, string instance, TimeSpan lease,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var due in await store.GetDueRoundsAsync(now, ct))
        {
            var work = new List<DueWork>();
            var round = due;
            if (round.NextDueAt is { } slot && slot <= now)
            {
                var (advanced, posts) = Plan(round, slot, now, instance, now + lease);
                if (!await store.ClaimSlotAsync(advanced, round.Version, posts, ct))
                {
                    continue; // another instance took this slot
                }
                round = advanced;
                foreach (var post in posts)
                {
                    var bank = banks.Get(post.BankId, post.BankVersion)!;
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
            if (work.Count > 0)
            {
                yield return work;
            }
        }
    }

    public Task PostedAsync(string postId, string? messageId, DateTimeOffset at, CancellationToken ct) => store.MarkPostedAsync(postId, messageId, at, ct);

    // Claims whose lease has passed with the post still Claimed: the instance crashed, its store write failed or it was
    // cancelled, between the claim and marking the post posted, so whether the card reached the channel is unknown.
    // While answers are open the post is opened (clicks on a card that did arrive count, and it closes on time); past its
    // window it is marked failed.
    public async Task<IReadOnlyList<RoundPost>> ResolveLapsedClaimsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var lapsed = await store.GetLapsedClaimsAsync(now, MaxLapsedClaimsPerTick, ct);
        foreach (var post in lapsed)
        {
            if (now < post.ClosesAt)
            {
                await store.MarkPostedAsync(post.Id, null, now, ct);
                LogLapsedOpened(log, post.Id, post.ConversationKey, post.ClaimedBy);
            }
            else
            {
                await store.MarkPostFailedAsync(post.Id, ct);
                LogLapsedFailed(log, post.Id, post.ConversationKey, post.ClaimedBy);
            }
        }
        return lapsed;
    }

    public Task FailedAsync(string postId, CancellationToken ct) => store.MarkPostFailedAsync(postId, ct);

    // Claims a post outside the schedule (`post now`), advancing the round's question cursor. turnId: the channel's id
    // of the command, when it gives one; a redelivery or retry of that command finds the post the first one claimed.
    public async Task<PostNow> PostNowAsync(string conversationKey, string? turnId, DateTimeOffset now, string instance, TimeSpan lease,
        CancellationToken ct)
    {
        var id = turnId is null ? null : RoundPost.IdForTurn(conversationKey, turnId);
        if (id is not null && await store.GetPostAsync(id, ct) is { } earlier)
        {
            return new PostNow.Repeated(earlier);
        }
        var round = await store.GetRoundAsync(conversationKey, ct);
        if (round is null || round.Status == RoundStatus.Cancelled || banks.Get(round.BankId) is not { } bank)
        {
            return new PostNow.Nothing();
        }
        var post = NextPost(round, bank, now, 0, instance, now + lease);
        if (post is not null && id is not null)
        {
            post = post with { Id = id };
        }
        if (post is null || !await store.ClaimSlotAsync(round with { Cursor = round.Cursor + 1, Version = round.Version + 1 }, round.Version, [post], ct))
        {
            // Two deliveries of one command at once: the one that lost the claim reports the other's post.
            return id is not null && await store.GetPostAsync(id, ct) is { } raced ? new PostNow.Repeated(raced) : new PostNow.Nothing();
        }
        return new PostNow.Claimed(new DueWork.PostQuestion(new RoundQuestionView(post, bank.Title, bank.Resolve(post.Question)!, 0, [])));
    }

    private (Round Advanced, List<RoundPost> Posts) Plan(Round round, DateTimeOffset slot, DateTimeOffset now, string instance, DateTimeOffset leaseUntil)
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
                if (NextPost(round with { Cursor = round.Cursor + n }, bank, latest, n, instance, leaseUntil) is { } post)
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

    private static RoundPost? NextPost(Round round, QuestionBank bank, DateTimeOffset slot, int n, string instance, DateTimeOffset leaseUntil)
    {
        if (!round.Repeat && round.Cursor >= bank.Questions.Count)
        {
            return null;
        }
        var question = bank.Questions[round.Cursor % bank.Questions.Count];
        return new RoundPost(RoundPost.IdFor(round.ConversationKey, slot, n), round.ConversationKey, bank.Id, PostedQuestion.Of(question),
            slot, slot + round.Window, round.TimeZone, PostState.Claimed, null, null, instance, null, false, leaseUntil, bank.Version);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Post {Post} in {Conversation} was still claimed by {Instance} past its lease; its card may have arrived, so it is open for answers")]
    private static partial void LogLapsedOpened(ILogger logger, string post, string conversation, string instance);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Post {Post} in {Conversation} was still claimed by {Instance} past its lease and its answer window; it is marked failed")]
    private static partial void LogLapsedFailed(ILogger logger, string post, string conversation, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the slot at {Slot} in {Conversation}: its answer window had passed (the service was down)")]
    private static partial void LogSkipped(ILogger logger, string conversation, DateTimeOffset slot);
}
