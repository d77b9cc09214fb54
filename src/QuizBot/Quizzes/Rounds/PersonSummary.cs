namespace QuizBot.Quizzes.Rounds;

// One person's standing across the conversations of one scope (a Slack workspace): totals over their conversations'
// all-time boards, the open questions they have not answered yet, each of their conversations' week board, and a
// self-paced quiz they have under way.
internal sealed record PersonSummary(PersonTotals Totals, IReadOnlyList<OpenQuestion> Open, IReadOnlyList<ConversationBoard> Boards, ActiveQuiz? Quiz)
{
    public bool HasActivity => Totals.Answered > 0 || Boards.Count > 0 || Quiz is not null;
}

// Streaks are kept per conversation, so the summary shows the longest current and the best one rather than a sum.
internal sealed record PersonTotals(int Answered, int Correct, int Points, int Streak, int BestStreak, int Conversations)
{
    public int AccuracyPercent => Answered == 0 ? 0 : (int)Math.Round(100.0 * Correct / Answered);
}

internal sealed record OpenQuestion(string ConversationKey, RoundPost Post, string BankTitle, Question Question);

internal sealed record ConversationBoard(string ConversationKey, BoardView Week);

internal sealed record ActiveQuiz(string BankTitle, int Position, int Count);
