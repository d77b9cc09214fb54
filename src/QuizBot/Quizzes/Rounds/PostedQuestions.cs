namespace QuizBot.Quizzes.Rounds;

// A posted question read against the bank as it is now. The wording comes from the bank; the key (right choice and
// number of choices) is the one the question had when it was posted, so a bank edit never re-scores an open post.
internal static class PostedQuestions
{
    public const string WithdrawnMessage = "That question was withdrawn from the bank; it counts for nobody.";

    // Null when the question is gone from the bank, or now has a different number of choices: the answers given
    // point at choices the bank no longer has, so the post can only count for nobody.
    public static Question? Resolve(this QuestionBank bank, PostedQuestion posted)
    {
        if (posted.LegacyPosition is { } position)
        {
            return position >= 0 && position < bank.Questions.Count ? bank.Questions[position] : null;
        }
        var index = bank.IndexOf(posted.Id);
        if (index < 0 || bank.Questions[index].Choices.Count != posted.Choices)
        {
            return null;
        }
        var current = bank.Questions[index];
        return current.Answer == posted.Answer ? current : current with { Answer = posted.Answer };
    }

    public static Question? Resolve(this BankCatalog banks, RoundPost post) =>
        banks.Get(post.BankId, post.BankVersion) is { } bank ? bank.Resolve(post.Question) : null;
}
