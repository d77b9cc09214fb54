namespace QuizBot.Quizzes.Review;

// A question due for review, as the engine hands it to a channel. Step: the card's step when asked, which the answer
// names (IReviewStore). Due: how many are due today, this one included. Right and Answered: this sitting so far; they
// travel on the card's buttons, so a forged pair can only mislead the person's own closing line.
internal sealed record RecallView(string BankId, string BankTitle, Question Question, int Box, int Step, int Due, int Right, int Answered);

// Box and DueAt: where the answer sent the question (Box is ReviewCard.Retired once it has left review).
internal sealed record RecallResultView(string BankTitle, Question Question, int Choice, int Box, DateTimeOffset DueAt, string? Notice)
{
    public bool Correct => Choice == Question.Answer;

    public bool Retired => Box > Leitner.Boxes;
}

// The closing line of a sitting: how it went, and when the next question is due (null: nothing left to review).
internal sealed record ReviewTally(int Right, int Answered, DateTimeOffset? Next);

internal abstract record ReviewStart
{
    public sealed record Ask(RecallView Question) : ReviewStart;

    // Next: when the earliest question is due; null when the person has nothing in review at all.
    public sealed record NothingDue(DateTimeOffset? Next) : ReviewStart;
}

internal abstract record RecallOutcome
{
    // Next is the following due question, or null when Done closes the sitting.
    public sealed record Accepted(RecallResultView Result, RecallView? Next, ReviewTally? Done) : RecallOutcome;

    public sealed record AlreadyAnswered(RecallResultView Result) : RecallOutcome;

    public sealed record Rejected(string Reason) : RecallOutcome;
}
