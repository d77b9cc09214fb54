using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Banks;

// The seed quiz written by hand as GIFT and as Aiken (tests/QuizBot.Tests/Banks/Data) imports to what
// banks/model-compression.json holds.
public sealed class SeedBankFormatsTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    private static BankImport Import(string file) =>
        BankFiles.Read(File.ReadAllBytes(Repo.Path("tests", "QuizBot.Tests", "Banks", "Data", file)), file, BankFiles.FormatOf(file)!.Value, "model-compression");

    [Fact]
    public void The_GIFT_file_gives_the_seed_questions_answers_explanations_and_ids()
    {
        var import = Import("model-compression.gift");

        Assert.Empty(import.Skipped);
        Assert.Equal("model-compression", import.Bank.Id);
        Assert.Equal(Seed.Questions, import.Bank.Questions, QuestionComparer.Instance);
    }

    [Fact]
    public void The_Aiken_file_gives_the_seed_questions_answers_and_explanations()
    {
        var import = Import("model-compression.aiken.txt");

        Assert.Equal(Seed.Questions.Count, import.Bank.Questions.Count);
        foreach (var (seed, read) in Seed.Questions.Zip(import.Bank.Questions))
        {
            Assert.Equal((seed.Text, seed.Answer, seed.Explanation), (read.Text, read.Answer, read.Explanation));
            Assert.Equal(seed.Choices, read.Choices);
        }
        // Aiken has no ids: each comes from the first words of its question.
        Assert.Equal("what-is-the-main-objective-of", import.Bank.Questions[0].Id);
    }
}
