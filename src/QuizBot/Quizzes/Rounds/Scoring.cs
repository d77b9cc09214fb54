namespace QuizBot.Quizzes.Rounds;

// How one answer moves a person's standing. A correct answer is one point; the streak counts correct
// answers in a row in the conversation and is the same on every period's board.
internal static class Scoring
{
    public static BoardEntry Apply(BoardEntry? entry, PostAnswer answer, int conversationStreak)
    {
        var e = entry ?? new BoardEntry(answer.UserKey, answer.UserName, 0, 0, 0, 0, 0);
        return e with
        {
            Name = answer.UserName,
            Points = e.Points + (answer.Correct ? 1 : 0),
            Correct = e.Correct + (answer.Correct ? 1 : 0),
            Answered = e.Answered + 1,
            Streak = conversationStreak,
            BestStreak = Math.Max(e.BestStreak, conversationStreak),
        };
    }

    public static int NextStreak(BoardEntry? all, bool correct) => correct ? (all?.Streak ?? 0) + 1 : 0;

    // Tally of how many chose each option.
    public static int[] Tally(IEnumerable<PostAnswer> answers, int choices)
    {
        var tally = new int[choices];
        foreach (var a in answers)
        {
            if (a.Choice >= 0 && a.Choice < choices)
            {
                tally[a.Choice]++;
            }
        }
        return tally;
    }
}
