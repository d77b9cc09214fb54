namespace QuizBot.Storage;

// A wrong answer's question for the person's review: its card goes (back) to box 1, due at DueAt.
internal sealed record ReviewMiss(string BankId, string QuestionId, DateTimeOffset DueAt);

// The questions each person got wrong, spaced over days in Leitner boxes (see Quizzes/Review/Leitner.cs). One card per
// person and question (bank id + question id). Every write moves the card's Step on by one, so a click that names the
// step it was shown at moves the card once however often it arrives: the second click finds the step gone.
internal interface IReviewStore
{
    // A wrong answer in a round or a quiz: the card goes (back) to box 1, due at dueAt, whatever box it was in.
    Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct);

    Task<ReviewCard?> GetReviewCardAsync(string userKey, string bankId, string questionId, CancellationToken ct);

    // The person's cards in boxes 1 to 5 due before the moment, earliest first (then by bank and question); at most limit.
    Task<IReadOnlyList<ReviewCard>> GetDueReviewsAsync(string userKey, DateTimeOffset before, int limit, CancellationToken ct);

    Task<int> CountDueReviewsAsync(string userKey, DateTimeOffset before, CancellationToken ct);

    // When the person's earliest card in boxes 1 to 5 is due; null when they have none.
    Task<DateTimeOffset?> GetNextReviewAsync(string userKey, CancellationToken ct);

    // An answer in review: the card moves to box (ReviewCard.Retired past box 5) due at dueAt and remembers the choice,
    // only if it is still at step. False when it is not (answered already, missed again meanwhile, or gone).
    Task<bool> MoveReviewAsync(string userKey, string bankId, string questionId, int step, int box, DateTimeOffset dueAt, int choice,
        CancellationToken ct);

    // The question left its bank: nothing is left to ask.
    Task DropReviewAsync(string userKey, string bankId, string questionId, CancellationToken ct);
}

// LastChoice: the choice of the review answer that made the last move (null when a miss made it), so a repeated click is
// shown the answer that counted.
internal sealed record ReviewCard(string UserKey, string BankId, string QuestionId, int Box, DateTimeOffset DueAt, int Step, int? LastChoice)
{
    public const int Retired = 6;
}
