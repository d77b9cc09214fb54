namespace QuizBot.Quizzes;

// What the engine hands a channel to render. Channels decide how it looks; the engine decides what it says.
internal sealed record QuestionView(string SessionId, string BankTitle, int Index, int Count, Question Question)
{
    public string Progress => $"Question {Index + 1} of {Count}";
}

// SessionId: the session the answer belongs to, for "Report a problem" (null where no report can be made).
internal sealed record ResultView(string BankTitle, int Index, int Count, Question Question, int Choice, string? Notice, string? SessionId = null)
{
    public bool Correct => Choice == Question.Answer;
    public string Progress => $"Question {Index + 1} of {Count}";
}

internal sealed record ReviewItem(int Number, Question Question, int? Choice)
{
    public bool Correct => Choice == Question.Answer;
}

internal sealed record ReviewView(string BankTitle, int Score, int Count, IReadOnlyList<ReviewItem> Items)
{
    public string ScoreText => $"{Score}/{Count}";
}

internal abstract record StartOutcome
{
    public sealed record Ask(QuestionView Question, bool Resumed) : StartOutcome;
    public sealed record ChooseBank(IReadOnlyList<QuestionBank> Banks) : StartOutcome;
    public sealed record UnknownBank(string Name, IReadOnlyList<QuestionBank> Banks) : StartOutcome;
    // The store holds no bank at all (every seed file broken, none imported).
    public sealed record NoBanks : StartOutcome;
}

internal abstract record AnswerOutcome
{
    // Next is the following question, or null when Review closes the quiz.
    public sealed record Accepted(ResultView Result, QuestionView? Next, ReviewView? Review) : AnswerOutcome;
    public sealed record AlreadyAnswered(ResultView Result) : AnswerOutcome;
    public sealed record Rejected(string Reason) : AnswerOutcome;
}
