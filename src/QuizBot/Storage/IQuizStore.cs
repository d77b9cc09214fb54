using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// Everything QuizBot keeps. Two real implementations: SQLite (embedded default) and Azure Table Storage.
// Answers are insert-only: a second answer for the same key is reported, never written over.
internal interface IQuizStore
{
    // Self-paced sessions.
    Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct);
    Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct);
    // Starts a session and abandons any other active session of the same person.
    Task StartSessionAsync(QuizSession session, CancellationToken ct);
    // Inserts the answer and advances the session in one step; completes it after the last question.
    Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct);
    Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct);

    // Conversations: where to post proactively, and whether posting there still works.
    Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct);
    Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct);
    Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct);

    // Per-conversation admins granted in chat (configuration names the global ones).
    Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct);
    Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct);

    // Rounds. Saves succeed only when the stored version is the expected one (null: the round must not exist).
    Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct);
    Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct);
    Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct);
    // Advances the round and creates its posts in one conditional step: exactly one instance wins a slot.
    Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct);

    // Posts and their answers.
    Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct);
    Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct);
    Task MarkPostFailedAsync(string postId, CancellationToken ct);
    Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct);
    Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct);
    // False when this person already answered the post (Existing holds the first answer) or the post is not open.
    Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, CancellationToken ct);
    Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct);
    Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct);
    // How many have answered and the latest few, without reading every answer (the live count on the shared card).
    Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct);
    // Closes the post, stores its tally and folds its answers into every period's board, exactly once.
    Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct);
    Task MarkClosedCardSentAsync(string postId, CancellationToken ct);

    // Boards: the top entries and one person's entry with their rank, read from aggregates.
    Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct);
}

internal sealed record ConversationRecord(string Key, string Address, bool Blocked, string? BlockedReason);

internal sealed record PostSummary(int Count, IReadOnlyList<PostAnswer> Recent);

internal sealed record BoardPage(IReadOnlyList<RankedEntry> Top, RankedEntry? Me, int Members);

internal sealed record RankedEntry(int Rank, BoardEntry Entry);
