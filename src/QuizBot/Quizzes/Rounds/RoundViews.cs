namespace QuizBot.Quizzes.Rounds;

// A round question as everyone in the conversation sees it: never who answered what, only how many and who
// (RecentAnswerers: display names). RecentKeys are the same people's keys, for channels that show each their own view.
internal sealed record RoundQuestionView(RoundPost Post, string BankTitle, Question Question, int Answers, IReadOnlyList<string> RecentAnswerers,
    IReadOnlyList<string>? RecentKeys = null)
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Post.TimeZone);
}

// What the answering person alone sees.
internal sealed record RoundResultView(RoundPost Post, string BankTitle, Question Question, int Choice, string? Notice)
{
    public bool Correct => Choice == Question.Answer;
}

internal sealed record FastAnswer(string Name, TimeSpan After);

// The card after the close: the right answer, the explanation, the distribution and the fastest correct answers.
internal sealed record ClosedPostView(RoundPost Post, string BankTitle, Question Question, IReadOnlyList<int> Tally, IReadOnlyList<FastAnswer> Fastest)
{
    public int Answers => Tally.Sum();
}

// What closing a post came to: the outcome everyone sees, or a post that counts for nobody: its question was withdrawn
// from the bank (BankTitle: null when the bank itself is gone), or nobody answered a post whose card may never have
// arrived (a lapsed claim, opened without a message id).
internal abstract record PostClose(RoundPost Post)
{
    public sealed record Closed(ClosedPostView View) : PostClose(View.Post);
    public sealed record Voided(RoundPost VoidPost, string? BankTitle, bool Withdrawn) : PostClose(VoidPost);
}

internal abstract record RoundAnswerOutcome
{
    public sealed record Accepted(RoundResultView Result) : RoundAnswerOutcome;
    public sealed record AlreadyAnswered(RoundResultView Result) : RoundAnswerOutcome;
    public sealed record Closed(string Message) : RoundAnswerOutcome;
    public sealed record Rejected(string Reason) : RoundAnswerOutcome;
}

internal sealed record BoardRow(int Rank, string Name, int Points, int Correct, int Answered, int Streak, bool IsMe)
{
    public int AccuracyPercent => Answered == 0 ? 0 : (int)Math.Round(100.0 * Correct / Answered);
}

internal sealed record BoardView(string Title, string PeriodLabel, IReadOnlyList<BoardRow> Rows, BoardRow? Me, int Members)
{
    public const string TieRule = "Equal points share a rank; names within a rank are in alphabetical order.";
}

internal sealed record StatsView(string Name, int Answered, int Correct, int Streak, int BestStreak, int WeekAnswered, int WeekCorrect)
{
    public int AccuracyPercent => Answered == 0 ? 0 : (int)Math.Round(100.0 * Correct / Answered);
}

internal sealed record MissedQuestion(Question Question, int Answers, int Wrong)
{
    public int WrongPercent => Answers == 0 ? 0 : (int)Math.Round(100.0 * Wrong / Answers);
}

// What `post now` did: claimed the round's next question (the channel posts it), found the post an earlier delivery
// of the same command claimed (posted, or still being posted), or found nothing to post.
internal abstract record PostNow
{
    public sealed record Claimed(DueWork.PostQuestion Work) : PostNow;
    public sealed record Repeated(RoundPost Post) : PostNow;
    public sealed record Nothing : PostNow;
}

// A slot's work handed to the channel: questions to post, or a finished week's board.
internal abstract record DueWork(string ConversationKey)
{
    public sealed record PostQuestion(RoundQuestionView View) : DueWork(View.Post.ConversationKey);
    public sealed record PostBoard(string Conversation, BoardView Board) : DueWork(Conversation);
}
