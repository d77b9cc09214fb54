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
internal sealed class GuardedQuizStore(IQuizStore inner, string provider, Func<Exception, bool> isUnavailable) : IQuizStore
{
    public IQuizStore Inner => inner;

    public static GuardedQuizStore Over(SqliteQuizStore store) => new(store, "SQLite", SqliteQuizStore.IsUnavailable);

    public static GuardedQuizStore Over(TableQuizStore store) => new(store, "Azure Tables", TableQuizStore.IsUnavailable);

    public Task InitializeAsync(CancellationToken ct) => Run(() => inner.InitializeAsync(ct), ct);
    public Task PingAsync(CancellationToken ct) => Run(() => inner.PingAsync(ct), ct);

    public Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct) => Run(() => inner.GetActiveSessionAsync(userKey, ct), ct);
    public Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct) => Run(() => inner.GetSessionAsync(sessionId, ct), ct);
    public Task StartSessionAsync(QuizSession session, CancellationToken ct) => Run(() => inner.StartSessionAsync(session, ct), ct);
    public Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct) =>
        Run(() => inner.AddSessionAnswerAsync(answer, questionCount, ct), ct);
    public Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct) =>
        Run(() => inner.GetSessionAnswersAsync(sessionId, ct), ct);

    public Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct) => Run(() => inner.GetRoundAsync(conversationKey, ct), ct);
    public Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct) => Run(() => inner.SaveRoundAsync(round, expectedVersion, ct), ct);
    public Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct) => Run(() => inner.GetDueRoundsAsync(now, ct), ct);
    public Task<IReadOnlyList<Round>> GetRoundsAsync(string conversationKeyPrefix, int limit, CancellationToken ct) =>
        Run(() => inner.GetRoundsAsync(conversationKeyPrefix, limit, ct), ct);
    public Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct) =>
        Run(() => inner.ClaimSlotAsync(advanced, expectedVersion, posts, ct), ct);
    public Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct) => Run(() => inner.GetPostAsync(postId, ct), ct);
    public Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct) =>
        Run(() => inner.MarkPostedAsync(postId, messageId, postedAt, ct), ct);
    public Task MarkPostFailedAsync(string postId, CancellationToken ct) => Run(() => inner.MarkPostFailedAsync(postId, ct), ct);
    public Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct) => Run(() => inner.GetPostsToCloseAsync(now, ct), ct);
    public Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct) =>
        Run(() => inner.GetClosedPostsAsync(conversationKey, limit, ct), ct);
    public Task<IReadOnlyList<RoundPost>> GetOpenPostsAsync(string conversationKey, DateTimeOffset slotsFrom, int limit, CancellationToken ct) =>
        Run(() => inner.GetOpenPostsAsync(conversationKey, slotsFrom, limit, ct), ct);
    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, CancellationToken ct) =>
        Run(() => inner.AddPostAnswerAsync(answer, ct), ct);
    public Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct) => Run(() => inner.GetPostAnswersAsync(postId, ct), ct);
    public Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct) =>
        Run(() => inner.GetPostAnswerAsync(postId, userKey, ct), ct);
    public Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct) => Run(() => inner.GetPostSummaryAsync(postId, recent, ct), ct);
    public Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct) =>
        Run(() => inner.ClosePostAsync(postId, choiceCount, periods, ct), ct);
    public Task MarkClosedCardSentAsync(string postId, CancellationToken ct) => Run(() => inner.MarkClosedCardSentAsync(postId, ct), ct);

    public Task SaveInstallAsync(Installation install, CancellationToken ct) => Run(() => inner.SaveInstallAsync(install, ct), ct);
    public Task<Installation?> GetInstallAsync(string channel, string team, CancellationToken ct) => Run(() => inner.GetInstallAsync(channel, team, ct), ct);
    public Task RevokeInstallAsync(string channel, string team, DateTimeOffset at, CancellationToken ct) =>
        Run(() => inner.RevokeInstallAsync(channel, team, at, ct), ct);
    public Task<bool> UseNonceAsync(string nonce, DateTimeOffset expires, CancellationToken ct) => Run(() => inner.UseNonceAsync(nonce, expires, ct), ct);

    public Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct) =>
        Run(() => inner.GetBoardAsync(conversationKey, period, top, userKey, ct), ct);

    public Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct) =>
        Run(() => inner.SaveConversationAsync(conversationKey, address, ct), ct);
    public Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct) =>
        Run(() => inner.GetConversationAsync(conversationKey, ct), ct);
    public Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct) =>
        Run(() => inner.SetConversationBlockedAsync(conversationKey, reason, ct), ct);
    public Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct) =>
        Run(() => inner.SetAdminAsync(conversationKey, userKey, admin, ct), ct);
    public Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct) => Run(() => inner.IsAdminAsync(conversationKey, userKey, ct), ct);

    private async Task Run(Func<Task> call, CancellationToken ct, [CallerMemberName] string operation = "") =>
        await Run(async () =>
        {
            await call();
            return true;
        }, ct, operation);

    private async Task<T> Run<T>(Func<Task<T>> call, CancellationToken ct, [CallerMemberName] string operation = "")
    {
        var started = Stopwatch.GetTimestamp();
        using var span = QuizBotTelemetry.StartStoreCall(operation);
        try
        {
            return await call();
        }
        // The caller's own cancellation passes as it is; a timeout inside the store is the store's failure.
        catch (Exception e) when (e is not StoreUnavailableException && !ct.IsCancellationRequested && isUnavailable(e))
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
