using System.Diagnostics;
using System.Runtime.CompilerServices;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage.Tables;
using QuizBot.Telemetry;

namespace QuizBot.Storage;

// The one place every port call passes through, whichever store is behind it: it times the call (a span when tracing
// is on, and the store latency histogram by operation) and turns the provider failures that the store calls
// unavailability into StoreUnavailableException. The stores themselves stay about storage; their contract suite runs
// through this too, so a forwarding slip here fails it.
//
// Every call has a deadline (CallTimeout, except start-up and the close, which folds whole boards): a store that hangs
// rather than refusing is unavailable too, and must say so well inside a channel's own timeout (Teams waits 15 s).
internal sealed class GuardedQuizStore(IQuizStore inner, string provider, Func<Exception, bool> isUnavailable, TimeSpan? callTimeout = null)
    : IQuizStore
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _callTimeout = callTimeout ?? DefaultCallTimeout;

    public IQuizStore Inner => inner;

    public static GuardedQuizStore Over(SqliteQuizStore store, TimeSpan? callTimeout = null) =>
        new(store, "SQLite", SqliteQuizStore.IsUnavailable, callTimeout);

    public static GuardedQuizStore Over(TableQuizStore store, TimeSpan? callTimeout = null) =>
        new(store, "Azure Tables", TableQuizStore.IsUnavailable, callTimeout);

    public Task InitializeAsync(CancellationToken ct) => Run(t => inner.InitializeAsync(t), ct, Timeout.InfiniteTimeSpan);
    public Task PingAsync(CancellationToken ct) => Run(t => inner.PingAsync(t), ct);

    public Task<BankVersionWrite> AddBankVersionAsync(QuestionBank bank, DateTimeOffset importedAt, CancellationToken ct) =>
        Run(t => inner.AddBankVersionAsync(bank, importedAt, t), ct);
    public Task<IReadOnlyList<StoredBankInfo>> ListBanksAsync(CancellationToken ct) => Run(t => inner.ListBanksAsync(t), ct);
    public Task<QuestionBank?> GetBankAsync(string bankId, int? version, CancellationToken ct) => Run(t => inner.GetBankAsync(bankId, version, t), ct);

    public Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct) => Run(t => inner.GetActiveSessionAsync(userKey, t), ct);
    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct) => Run(t => inner.GetSessionAsync(sessionId, t), ct);
    public Task StartSessionAsync(QuizSession session, CancellationToken ct) => Run(t => inner.StartSessionAsync(session, t), ct);
    public Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct) =>
        Run(t => inner.AddSessionAnswerAsync(answer, questionCount, t), ct);
    public Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct) =>
        Run(t => inner.GetSessionAnswersAsync(sessionId, t), ct);

    public Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct) => Run(t => inner.GetRoundAsync(conversationKey, t), ct);
    public Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct) => Run(t => inner.SaveRoundAsync(round, expectedVersion, t), ct);
    public Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct) => Run(t => inner.GetDueRoundsAsync(now, t), ct);
    public Task<IReadOnlyList<Round>> GetRoundsAsync(string conversationKeyPrefix, int limit, CancellationToken ct) =>
        Run(t => inner.GetRoundsAsync(conversationKeyPrefix, limit, t), ct);
    public Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct) =>
        Run(t => inner.ClaimSlotAsync(advanced, expectedVersion, posts, t), ct);
    public Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct) => Run(t => inner.GetPostAsync(postId, t), ct);
    public Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct) =>
        Run(t => inner.MarkPostedAsync(postId, messageId, postedAt, t), ct);
    public Task MarkPostFailedAsync(string postId, CancellationToken ct) => Run(t => inner.MarkPostFailedAsync(postId, t), ct);
    public Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct) => Run(t => inner.GetPostsToCloseAsync(now, t), ct);
    public Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct) =>
        Run(t => inner.GetClosedPostsAsync(conversationKey, limit, t), ct);
    public Task<IReadOnlyList<RoundPost>> GetOpenPostsAsync(string conversationKey, DateTimeOffset slotsFrom, int limit, CancellationToken ct) =>
        Run(t => inner.GetOpenPostsAsync(conversationKey, slotsFrom, limit, t), ct);
    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, CancellationToken ct) =>
        AddPostAnswerAsync(answer, null, ct);
    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, ReviewMiss? miss, CancellationToken ct) =>
        Run(t => inner.AddPostAnswerAsync(answer, miss, t), ct);
    public Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct) => Run(t => inner.GetPostAnswersAsync(postId, t), ct);
    public Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct) =>
        Run(t => inner.GetPostAnswerAsync(postId, userKey, t), ct);
    public Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct) => Run(t => inner.GetPostSummaryAsync(postId, recent, t), ct);
    public Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct) =>
        Run(t => inner.ClosePostAsync(postId, choiceCount, periods, t), ct, Timeout.InfiniteTimeSpan);
    public Task MarkClosedCardSentAsync(string postId, CancellationToken ct) => Run(t => inner.MarkClosedCardSentAsync(postId, t), ct);
    public Task<IReadOnlyList<RoundPost>> GetLapsedClaimsAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        Run(t => inner.GetLapsedClaimsAsync(now, limit, t), ct);
    public Task<RoundPost?> VoidPostAsync(string postId, CancellationToken ct) => Run(t => inner.VoidPostAsync(postId, t), ct);
    // Like a close, a revision re-folds every answer of the post: it takes as long as that takes.
    public Task<RoundPost?> RevisePostAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct) =>
        Run(t => inner.RevisePostAsync(postId, newAnswer, periods, t), ct, Timeout.InfiniteTimeSpan);

    public Task SaveInstallAsync(Installation install, CancellationToken ct) => Run(t => inner.SaveInstallAsync(install, t), ct);
    public Task<Installation?> GetInstallAsync(string channel, string team, CancellationToken ct) => Run(t => inner.GetInstallAsync(channel, team, t), ct);
    public Task RevokeInstallAsync(string channel, string team, DateTimeOffset at, CancellationToken ct) =>
        Run(t => inner.RevokeInstallAsync(channel, team, at, t), ct);
    public Task RememberIdentityAsync(string objectId, string userKey, string name, string conversationKey, DateTimeOffset at, CancellationToken ct) =>
        Run(t => inner.RememberIdentityAsync(objectId, userKey, name, conversationKey, at, t), ct);
    public Task<IdentityLink?> GetIdentityLinkAsync(string objectId, CancellationToken ct) => Run(t => inner.GetIdentityLinkAsync(objectId, t), ct);
    public Task<bool> UseNonceAsync(string nonce, DateTimeOffset expires, CancellationToken ct) => Run(t => inner.UseNonceAsync(nonce, expires, t), ct);

    public Task<DeliveryRecord> TakeDeliveryAsync(DeliveryClaim claim, CancellationToken ct) => Run(t => inner.TakeDeliveryAsync(claim, t), ct);
    public Task CompleteDeliveryAsync(string key, string holder, byte[]? answer, DateTimeOffset expires, CancellationToken ct) =>
        Run(t => inner.CompleteDeliveryAsync(key, holder, answer, expires, t), ct);
    public Task ReleaseDeliveryAsync(string key, string holder, CancellationToken ct) => Run(t => inner.ReleaseDeliveryAsync(key, holder, t), ct);

    public Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct) =>
        Run(t => inner.GetBoardAsync(conversationKey, period, top, userKey, t), ct);

    public Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct) =>
        Run(t => inner.SaveConversationAsync(conversationKey, address, t), ct);
    public Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct) =>
        Run(t => inner.GetConversationAsync(conversationKey, t), ct);
    public Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct) =>
        Run(t => inner.SetConversationBlockedAsync(conversationKey, reason, t), ct);
    public Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct) =>
        Run(t => inner.SetAdminAsync(conversationKey, userKey, admin, t), ct);
    public Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct) => Run(t => inner.IsAdminAsync(conversationKey, userKey, t), ct);
    public Task<bool> SetManagerAsync(string conversationKey, string userKey, bool manager, CancellationToken ct) =>
        Run(t => inner.SetManagerAsync(conversationKey, userKey, manager, t), ct);
    public Task<bool> IsManagerAsync(string conversationKey, string userKey, CancellationToken ct) =>
        Run(t => inner.IsManagerAsync(conversationKey, userKey, t), ct);
    public Task<IReadOnlyList<string>> GetManagersAsync(string conversationKey, CancellationToken ct) => Run(t => inner.GetManagersAsync(conversationKey, t), ct);
    public Task<IReadOnlyList<RoleGrant>> GetGrantsAsync(string userKey, CancellationToken ct) => Run(t => inner.GetGrantsAsync(userKey, t), ct);

    public Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct) =>
        Run(t => inner.RecordMissAsync(userKey, bankId, questionId, dueAt, t), ct);
    public Task<ReviewCard?> GetReviewCardAsync(string userKey, string bankId, string questionId, CancellationToken ct) =>
        Run(t => inner.GetReviewCardAsync(userKey, bankId, questionId, t), ct);
    public Task<IReadOnlyList<ReviewCard>> GetDueReviewsAsync(string userKey, DateTimeOffset before, int limit, CancellationToken ct) =>
        Run(t => inner.GetDueReviewsAsync(userKey, before, limit, t), ct);
    public Task<int> CountDueReviewsAsync(string userKey, DateTimeOffset before, CancellationToken ct) =>
        Run(t => inner.CountDueReviewsAsync(userKey, before, t), ct);
    public Task<DateTimeOffset?> GetNextReviewAsync(string userKey, CancellationToken ct) => Run(t => inner.GetNextReviewAsync(userKey, t), ct);
    public Task<bool> MoveReviewAsync(string userKey, string bankId, string questionId, int step, int box, DateTimeOffset dueAt, int choice,
        CancellationToken ct) => Run(t => inner.MoveReviewAsync(userKey, bankId, questionId, step, box, dueAt, choice, t), ct);
    public Task DropReviewAsync(string userKey, string bankId, string questionId, CancellationToken ct) =>
        Run(t => inner.DropReviewAsync(userKey, bankId, questionId, t), ct);
    public Task<(bool Inserted, DisputeReport? Existing)> AddDisputeAsync(DisputeReport report, CancellationToken ct) =>
        Run(t => inner.AddDisputeAsync(report, t), ct);
    public Task<IReadOnlyList<DisputeReport>> GetOpenDisputesAsync(string conversationKey, int limit, CancellationToken ct) =>
        Run(t => inner.GetOpenDisputesAsync(conversationKey, limit, t), ct);
    public Task<IReadOnlyList<DisputeReport>> GetDisputesAsync(string conversationKey, string bankId, string questionId, CancellationToken ct) =>
        Run(t => inner.GetDisputesAsync(conversationKey, bankId, questionId, t), ct);
    public Task<IReadOnlyList<DisputeReport>> ResolveDisputesAsync(string conversationKey, string bankId, string questionId, DisputeDecision decision,
        CancellationToken ct) => Run(t => inner.ResolveDisputesAsync(conversationKey, bankId, questionId, decision, t), ct);

    private async Task Run(Func<CancellationToken, Task> call, CancellationToken ct, TimeSpan? limit = null,
        [CallerMemberName] string operation = "") =>
        await Run(async t =>
        {
            await call(t);
            return true;
        }, ct, limit, operation);

    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct, TimeSpan? limit = null,
        [CallerMemberName] string operation = "")
    {
        var started = Stopwatch.GetTimestamp();
        using var span = QuizBotTelemetry.StartStoreCall(operation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit ?? _callTimeout);
        try
        {
            return await call(deadline.Token);
        }
        // The caller's own cancellation passes as it is; a timeout inside the store, or the deadline, is the store's failure.
        catch (Exception e) when (e is not StoreUnavailableException && !ct.IsCancellationRequested
            && (isUnavailable(e) || deadline.IsCancellationRequested))
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw new StoreUnavailableException(operation, provider, e);
        }
        finally
        {
            QuizBotTelemetry.StoreCalled(operation, Stopwatch.GetElapsedTime(started));
        }
    }
}
