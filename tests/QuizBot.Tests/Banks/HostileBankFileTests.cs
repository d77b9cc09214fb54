using System.Text;
using CsCheck;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Tests.Hostile;

namespace QuizBot.Tests.Banks;

// Generated broken and hostile files in every format: a bank comes back within the limits, or a BankFormatException
// names the file and says what is wrong; no other exception escapes. A failure prints CsCheck's seed.
public sealed class HostileBankFileTests
{
    // Lines that mean something to one of the formats, broken or whole.
    private static readonly string[] Pieces =
    [
        "::id::", "::", "{", "}", "{=a ~b}", "{=a ~b #f ####e}", "{~%100%a ~b}", "{~%50%a ~%50%b}", "{T}", "{#1:2}", "{}", "=", "~", "#", "####",
        "\\", "\\{", "$CATEGORY: x", "$CATEGORY:", "// c", "A. a", "B) b", "C. c", "ANSWER: A", "ANSWER: Z", "ANSWER:", "EXPLANATION: e",
        "question,choice 1,choice 2,right answer", "question;choice 1;choice 2;right answer", "\"", "\"\"", ",", ";", "\t", "a,b,1",
        "\"q\nq\",a,b,2", "\r", "\r\n", "\n", "\n\n", "\uFEFF", "\u0000", "é", "👩‍👩‍👧",
    ];

    private static readonly Gen<string> File = Gen.OneOf(Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]), Generators.Fragment, Gen.String[0, 6])
        .Array[0, 40].Select(string.Concat);

    private static readonly Gen<byte[]> Bytes = Gen.OneOf(
        File.Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Byte.Array[0, 300],
        Gen.Select(File, Gen.Byte.Array[1, 4], (s, b) => Encoding.UTF8.GetBytes(s).Concat(b).ToArray()));

    [Theory]
    [InlineData("Aiken", "h.txt")]
    [InlineData("Gift", "h.gift")]
    [InlineData("Csv", "h.csv")]
    [InlineData("Json", "h.json")]
    public void Hostile_text_files_read_within_the_limits_or_are_refused_with_a_sentence(string formatName, string fileName)
    {
        var format = Enum.Parse<BankFormat>(formatName);
        Bytes.Sample(bytes => Check(bytes, fileName, format), iter: 2000, threads: 1);
    }

    [Fact]
    public void Damaged_spreadsheets_read_or_are_refused_with_a_sentence()
    {
        var sheet = KahootSheet.Write([("Q?", ["a", "b", "", ""], 1), ("R?", ["c", "d", "e", ""], "2")]);
        var damaged = Gen.OneOf(
            Gen.Int[0, sheet.Length - 1].Select(n => sheet[..n]),
            Gen.Select(Gen.Int[0, sheet.Length - 1], Gen.Byte).Array[1, 8].Select(flips =>
            {
                var copy = (byte[])sheet.Clone();
                foreach (var (at, value) in flips)
                {
                    copy[at] = value;
                }
                return copy;
            }),
            Gen.Byte.Array[0, 300]);

        damaged.Sample(bytes => Check(bytes, "h.xlsx", BankFormat.Xlsx), iter: 1000, threads: 1);
    }

    private static void Check(byte[] bytes, string fileName, BankFormat format)
    {
        try
        {
            var bank = BankFiles.Read(bytes, fileName, format).Bank;
            Assert.InRange(bank.Questions.Count, 1, 10_000);
            Assert.Equal(bank.Questions.Count, bank.Questions.Select(q => q.Id).Distinct().Count());
            Assert.All(bank.Questions, q =>
            {
                Assert.True(BankAssembler.IsId(q.Id), q.Id);
                Assert.InRange(q.Choices.Count, 2, 6);
                Assert.InRange(q.Answer, 0, q.Choices.Count - 1);
                Assert.InRange(q.Text.Length, 1, 1000);
            });
        }
        catch (BankFormatException e)
        {
            Assert.StartsWith(fileName, e.Message, StringComparison.Ordinal);
            Assert.True(e.Problem.Length > 10, e.Message);
        }
    }
}
