using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// A conversation's round, the posts it claims, their answers and their close.
internal interface IRoundStore
{
    // Saves succeed only when the stored version is the expected one (null: the round must not exist).
    Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct);

    Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct);

    Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct);

    // The rounds (any status: a cancelled round's boards stay) of the conversations whose key starts with the prefix,
    // most recently scheduled first, at most limit: how a person's summary finds the channels of one workspace.
    Task<IReadOnlyList<Round>> GetRoundsAsync(string conversationKeyPrefix, int limit, CancellationToken ct);

    // Advances the round and creates its posts in one conditional step: exactly one instance wins a slot.
    Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct);

    Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct);

    // Opens a claimed post. On a post already open without a message id it records the id, if given (a post opened by a
    // click or a lapsed lease learns where its card is when the sender, or a later click, reports it).
    Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct);

    Task MarkPostFailedAsync(string postId, CancellationToken ct);

    Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct);

    // Posts still Claimed whose lease has passed (or that carry none: claimed before leases), oldest lease first, at most
    // limit: the ones whose send's outcome is unknown.
    Task<IReadOnlyList<RoundPost>> GetLapsedClaimsAsync(DateTimeOffset now, int limit, CancellationToken ct);

    Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct);

    // Posted and not yet closed posts of a conversation whose slot is at or after slotsFrom, oldest first, at most limit.
    // slotsFrom bounds the read (a post stays open for its round's window after its slot); a post past its close time
    // that the scheduler has not closed yet is still listed: the caller compares ClosesAt with its clock.
    Task<IReadOnlyList<RoundPost>> GetOpenPostsAsync(string conversationKey, DateTimeOffset slotsFrom, int limit, CancellationToken ct);

    // False when this person already answered the post (Existing holds the first answer) or the post is not open.
    Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, CancellationToken ct) => AddPostAnswerAsync(answer, null, ct);

    // The same, and when the answer is inserted, miss (for a wrong one) puts its question up for the person's review
    // as IReviewStore.RecordMissAsync does, in the same write: one transaction where the store has them (SQLite), right
    // after the answer where it does not (Azure Tables: a failure there fails the call with the answer stored). A
    // repeated or late answer touches no review.
    Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, ReviewMiss? miss, CancellationToken ct);

    Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct);

    Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct);

    // How many have answered and the latest few, without reading every answer (the live count on the shared card).
    Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct);

    // Closes the post, stores its tally and folds its answers into every period's board, exactly once.
    Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct);

    Task MarkClosedCardSentAsync(string postId, CancellationToken ct);

    // Makes a claimed or open post count for nobody (its question was withdrawn): no tally, no board entries. Listed to
    // close (for its card) until MarkClosedCardSentAsync. Returns the post as stored afterwards.
    Task<RoundPost?> VoidPostAsync(string postId, CancellationToken ct);

    // Re-scores a post after the fact. newAnswer null: the post counts for nobody (void); otherwise the choice index
    // that is right from now on. On a closed post the tally stays and every period's board is re-folded so that it
    // equals what it would be had the post closed this way; on a claimed or open post a void is VoidPostAsync and a new
    // answer replaces the answer key the close will score against. Idempotent: doing it again, or on two instances at
    // once, changes nothing more. Returns the post as stored afterwards, or null when there is no such post.
    Task<RoundPost?> RevisePostAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct);
}

internal sealed record PostSummary(int Count, IReadOnlyList<PostAnswer> Recent);
