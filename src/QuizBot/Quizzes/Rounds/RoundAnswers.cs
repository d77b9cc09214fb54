using QuizBot.Storage;
using QuizBot.Telemetry;

namespace QuizBot.Quizzes.Rounds;

// One answer per person per posted question; late, forged or repeated clicks count nowhere.
// misses: where a wrong answer is put up for the person's spaced review (none where a caller does not review).
internal sealed class RoundAnswers(IRoundStore store, BankCatalog banks, TimeProvider time, Review.ReviewMisses? misses = null)
{
    // An open post is read once per few seconds, not once per click: its question and close time never change, and the
    // store's insert checks again that the post is still open, so a stale copy can never let a late answer in.
    private static readonly TimeSpan OpenPostCacheTime = TimeSpan.FromSeconds(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (RoundPost Post, DateTimeOffset Until)> _openPosts = new();

    private async Task<RoundPost?> OpenPostAsync(string postId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_openPosts.TryGetValue(postId, out var cached) && cached.Until > now)
        {
            return cached.Post;
        }
        var post = await store.GetPostAsync(postId, ct);
        if (post is { State: PostState.Posted })
        {
            if (_openPosts.Count > 1_000)
            {
                _openPosts.Clear();
            }
            _openPosts[postId] = (post, now + OpenPostCacheTime);
        }
        else
        {
            _openPosts.TryRemove(postId, out _);
        }
        return post;
    }

    public Task<RoundAnswerOutcome> AnswerAsync(Participant who, string conversationKey, string postId, int choice, CancellationToken ct) =>
        AnswerAsync(who, conversationKey, postId, choice, null, ct);

    // messageId: the message the click was on, when the channel says (see DecideAsync).
    public async Task<RoundAnswerOutcome> AnswerAsync(Participant who, string conversationKey, string postId, int choice, string? messageId,
        CancellationToken ct)
    {
        var outcome = await DecideAsync(who, conversationKey, postId, choice, messageId, ct);
        QuizBotTelemetry.Answered(QuizBotTelemetry.Round, outcome switch
        {
            RoundAnswerOutcome.Accepted => QuizBotTelemetry.Accepted,
            RoundAnswerOutcome.AlreadyAnswered => QuizBotTelemetry.Repeat,
            RoundAnswerOutcome.Closed => QuizBotTelemetry.Closed,
            _ => QuizBotTelemetry.Rejected,
        });
        return outcome;
    }

    private async Task<RoundAnswerOutcome> DecideAsync(Participant who, string conversationKey, string postId, int choice, string? messageId,
        CancellationToken ct)
    {
        var post = await OpenPostAsync(postId, ct);
        if (post is null || post.ConversationKey != conversationKey || banks.Get(post.BankId, post.BankVersion) is not { } bank)
        {
            return new RoundAnswerOutcome.Rejected("That question is not part of a round in this conversation.");
        }
        if (post.State == PostState.Void || bank.Resolve(post.Question) is not { } question)
        {
            return new RoundAnswerOutcome.Rejected(PostedQuestions.WithdrawnMessage);
        }
        if (choice < 0 || choice >= question.Choices.Count)
        {
            return new RoundAnswerOutcome.Rejected("That is not one of the choices for this question.");
        }
        var now = time.GetUtcNow();
        if (post.State == PostState.Closed || now >= post.ClosesAt)
        {
            return new RoundAnswerOutcome.Closed(ClosedMessage(post));
        }
        if (post.State == PostState.Claimed || post is { State: PostState.Posted, MessageId: null } && messageId is not null)
        {
            // A click on the card proves it reached the channel: the post opens even if the sender has not marked it
            // posted (it crashed, its store write failed, or it is still at it), and the message the click came from is
            // where the close will show the outcome.
            await store.MarkPostedAsync(postId, messageId, now, ct);
            _openPosts.TryRemove(postId, out _);
            post = await OpenPostAsync(postId, ct) ?? post;
        }
        if (post.State != PostState.Posted)
        {
            return new RoundAnswerOutcome.Rejected("That question is not open for answers.");
        }
        // A wrong answer goes up for the person's review in the same write as the answer: one commit to wait for, not two.
        var miss = choice != question.Answer ? misses?.Miss(post.BankId, question.Id) : null;
        var (inserted, existing) = await store.AddPostAnswerAsync(new PostAnswer(postId, who.Key, who.Name, choice, choice == question.Answer, now), miss, ct);
        if (inserted)
        {
            return new RoundAnswerOutcome.Accepted(new RoundResultView(post, bank.Title, question, choice, null));
        }
        return existing is null
            ? new RoundAnswerOutcome.Closed(ClosedMessage(post))
            : new RoundAnswerOutcome.AlreadyAnswered(new RoundResultView(post, bank.Title, question, existing.Choice,
                "You already answered this question; your first answer stands."));
    }

    // What this person should see on the shared card: their own result once they have answered.
    public async Task<RoundResultView?> ResultForAsync(Participant who, string conversationKey, string postId, CancellationToken ct)
    {
        var post = await store.GetPostAsync(postId, ct);
        if (post is null || post.ConversationKey != conversationKey || banks.Get(post.BankId, post.BankVersion) is not { } bank)
        {
            return null;
        }
        if (bank.Resolve(post.Question) is not { } question)
        {
            return null;
        }
        var mine = await store.GetPostAnswerAsync(postId, who.Key, ct);
        return mine is null ? null : new RoundResultView(post, bank.Title, question, mine.Choice, null);
    }

    // Recent: how many of the latest answerers to name (channels that show each person their own view ask for more).
    public async Task<RoundQuestionView?> SharedViewAsync(string postId, int recent, CancellationToken ct)
    {
        var post = await store.GetPostAsync(postId, ct);
        if (post is null || banks.Get(post.BankId, post.BankVersion) is not { } bank || bank.Resolve(post.Question) is not { } question)
        {
            return null;
        }
        var summary = await store.GetPostSummaryAsync(postId, recent, ct);
        return new RoundQuestionView(post, bank.Title, question, summary.Count,
            [.. summary.Recent.Select(a => a.UserName)], [.. summary.Recent.Select(a => a.UserKey)]);
    }

    // The live count alone, for the card an answering person gets back.
    public async Task<int> CountAsync(string postId, CancellationToken ct) => (await store.GetPostSummaryAsync(postId, 0, ct)).Count;

    // A post whose question has left the bank (or whose bank has) is voided rather than closed: no tally, no points.
    public async Task<PostClose?> CloseAsync(RoundPost post, CancellationToken ct)
    {
        var bank = banks.Get(post.BankId, post.BankVersion);
        if (post.State == PostState.Void || bank?.Resolve(post.Question) is not { } question)
        {
            var voided = post.State == PostState.Void ? post : await store.VoidPostAsync(post.Id, ct);
            return voided is null ? null : new PostClose.Voided(voided, bank?.Title, Withdrawn: true);
        }
        if (post is { State: PostState.Posted, MessageId: null } && (await store.GetPostSummaryAsync(post.Id, 0, ct)).Count == 0)
        {
            // Opened after its claim lapsed and never clicked: the card may never have arrived, so it counts for nobody.
            // (No answer can come in meanwhile: the close runs after ClosesAt, which every answer must precede.)
            var voided = await store.VoidPostAsync(post.Id, ct);
            return voided is null ? null : new PostClose.Voided(voided, bank.Title, Withdrawn: false);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone);
        var closed = await store.ClosePostAsync(post.Id, question.Choices.Count, Periods.For(post.SlotAt, zone), ct);
        if (closed?.Tally is null)
        {
            return null;
        }
        var answers = await store.GetPostAnswersAsync(post.Id, ct);
        var start = closed.PostedAt ?? closed.SlotAt;
        var fastest = answers.Where(a => a.Correct).OrderBy(a => a.AnsweredAt).Take(3)
            .Select(a => new FastAnswer(a.UserName, a.AnsweredAt - start)).ToList();
        return new PostClose.Closed(new ClosedPostView(closed, bank.Title, question, closed.Tally, fastest));
    }

    private static string ClosedMessage(RoundPost post) =>
        $"This question closed at {RoundAdmin.FormatLocal(post.ClosesAt, TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone))}; answers are no longer counted.";
}
