using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

public sealed class SeedBankTests
{
    private static readonly QuestionBank Bank = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    [Fact]
    public void The_seed_bank_has_every_question_answer_and_explanation_of_the_seed_page_verbatim()
    {
        var seed = SeedPage.Read(Repo.Path("banks", "sources", "model-compression-quiz.txt"));

        Assert.Equal(10, seed.Count);
        Assert.Equal(seed.Count, Bank.Questions.Count);
        for (var i = 0; i < seed.Count; i++)
        {
            Assert.Equal(seed[i].Question, Bank.Questions[i].Text);
            Assert.Equal(seed[i].Answer, Bank.Questions[i].AnswerText);
            Assert.Equal(seed[i].Explanation, Bank.Questions[i].Explanation);
        }
    }

    [Fact]
    public void Every_question_has_three_wrong_choices_taken_from_what_its_explanation_calls_wrong()
    {
        foreach (var q in Bank.Questions)
        {
            Assert.Equal(4, q.Choices.Count);
            var wrong = q.Choices.Where((_, i) => i != q.Answer).ToList();
            Assert.Equal(3, wrong.Count);
            foreach (var choice in wrong)
            {
                // Each distractor must echo a word the explanation uses for a wrong option, not be invented.
                var words = Words(choice).Where(w => w.Length > 4).ToList();
                Assert.True(words.Any(w => Words(q.Explanation).Contains(w)),
                    $"'{choice}' of {q.Id} shares no significant word with its explanation");
            }
        }
    }

    [Fact]
    public void The_right_answer_is_not_always_in_the_same_place()
    {
        Assert.True(Bank.Questions.Select(q => q.Answer).Distinct().Count() >= 3);
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', '(', ')', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.TrimEnd('s')).ToHashSet();
}

// Reads the reference section of the seed quiz page: question, "Correct answer:", "Explanation:".
internal static class SeedPage
{
    public static List<(string Question, string Answer, string Explanation)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.StartsWith("This quiz contains", StringComparison.Ordinal)) + 1;
        var items = new List<(string, string, string)>();
        for (var i = start; i + 2 < lines.Length + 1 && i < lines.Length; i += 3)
        {
            items.Add((lines[i].Trim(),
                lines[i + 1]["Correct answer: ".Length..].Trim(),
                lines[i + 2]["Explanation: ".Length..].Trim()));
        }
        return items;
    }
}
