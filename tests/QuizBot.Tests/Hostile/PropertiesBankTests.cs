using CsCheck;
using QuizBot.Quizzes;
using Xunit.Abstractions;

namespace QuizBot.Tests.Hostile;

// Generated hostile bank files through BankLoader: a bank comes back whole, or a BankFormatException names the file
// and says what to fix; nothing else escapes. A failure prints CsCheck's seed; pass it as `seed:` to replay.
public sealed class PropertiesBankTests(ITestOutputHelper output)
{
    private readonly Tally _tally = new(output);

    [Fact]
    public void Hostile_bank_files_load_whole_or_are_refused_with_a_sentence_naming_the_file()
    {
        Generators.Bank.Sample(bytes =>
        {
            try
            {
                var bank = BankLoader.Parse(bytes, "hostile.json");
                _tally.Add("Bank file", refused: false);
                Assert.NotEmpty(bank.Questions);
                Assert.All(bank.Questions, q => Assert.InRange(q.Answer, 0, q.Choices.Count - 1));
            }
            catch (BankFormatException e)
            {
                _tally.Add("Bank file", refused: true);
                Assert.StartsWith("hostile.json", e.Message, StringComparison.Ordinal);
                Assert.True(HostileHost.Leak(e.Message) is null, e.Message);
            }
        }, iter: 1000, threads: 1);
        _tally.Print();
    }
}
