using QuizBot.Storage;

namespace QuizBot.Quizzes.Review;

// The hook self-paced quizzes call once for each wrong answer they store (never for a repeated click: those are not
// stored). A store that fails here must not undo the answer the person just gave, which is already counted: the miss is
// logged and skipped, and the question comes back the next time they get it wrong. Rounds take a Miss instead, which
// the round store writes with the answer itself (the burst after a post waits for one commit per click, not two).
internal sealed partial class ReviewMisses(IReviewStore store, TimeProvider time, ILogger<ReviewMisses>? log = null)
{
    // A round answer's review entry, which the round store writes with the answer itself.
    public ReviewMiss Miss(string bankId, string questionId) => new(bankId, questionId, Leitner.DueInBox(1, time.GetUtcNow()));

    public async Task RecordAsync(string userKey, string bankId, string questionId, CancellationToken ct)
    {
        try
        {
            await store.RecordMissAsync(userKey, bankId, questionId, Leitner.DueInBox(1, time.GetUtcNow()), ct);
        }
        catch (StoreUnavailableException e)
        {
            if (log is not null)
            {
                LogNotRecorded(log, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong answer was not put up for review: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string reason);
}
