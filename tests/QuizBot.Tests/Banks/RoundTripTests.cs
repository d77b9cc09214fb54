using System.Text;
using CsCheck;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Tests.Hostile;

namespace QuizBot.Tests.Banks;

// Read(Write(bank, f), f) gives every question back (id, text, choices, answer, explanation, category, feedback; CSV
// has no column for per-choice feedback) for generated banks full of what each format gives meaning to. A failure
// prints CsCheck's seed; pass it as `seed:` to replay.
public sealed class RoundTripTests
{
    // What GIFT, CSV, Aiken and JSON treat specially, beside the hostile fragments every property test uses.
    private static readonly string[] Specials =
    [
        "::", ":", "{", "}", "=", "~", "#", "####", "\\", "\\n", "\\:", "//", "$CATEGORY:", "$course$/top/", "top/", "%100%", "%50%", "->",
        "T", "TRUE", "[html]", "[plain]", ",", ";", "\t", "\"", "\"\"", "\r", "\r\n", "\n\n", "A. ", "B) ", "ANSWER: A", "EXPLANATION:",
        "é", "ß", "日本語", "Ελληνικά", "👩‍👩‍👧", " ",
    ];

    // Text as every format reads it: UTF-8 (a lone surrogate cannot be written, so it is U+FFFD), line breaks "\n", trimmed.
    private static string Canonical(string s) => BankText.Clean(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)));

    private static Gen<string> Text(int max) => Gen.OneOf(
            Gen.Int[0, Specials.Length - 1].Select(i => Specials[i]), Generators.Fragment, Gen.String[0, 8], Gen.Char.Select(c => c.ToString()))
        .Array[0, 8].Select(parts => Canonical(string.Concat(parts)))
        .Select(t => t.Length <= max ? t : Canonical(t[..max]));

    private static readonly Gen<Question> Question = Gen.Select(
            Text(1000).Where(t => t.Length > 0),
            Text(300).Where(t => t.Length > 0).Array[2, 6].Where(cs => cs.Distinct(StringComparer.OrdinalIgnoreCase).Count() == cs.Length),
            Gen.Frequency((2, Gen.Const("")), (3, Text(2000))),
            Gen.Frequency((2, Gen.Const("")), (2, Text(200))),
            Gen.Frequency((2, Gen.Const("")), (2, Text(1000))).Array[6],
            Gen.Int[0, 5])
        .Select(q => new Question("", q.Item1, q.Item2, q.Item6 % q.Item2.Length, q.Item3, q.Item4.Length == 0 ? null : q.Item4,
            q.Item5.Take(q.Item2.Length).ToList() is var f && f.Any(t => t.Length > 0) ? f : null));

    private static readonly Gen<QuestionBank> Bank = Gen.Select(Question.Array[1, 8], Gen.Int[0, 999], (questions, salt) =>
        new QuestionBank("round-trip", "Round trip", "", questions.Select((q, i) => q with { Id = $"q{salt}-{i}" }).ToList()));

    [Theory]
    [InlineData("Json", "rt.json")]
    [InlineData("Gift", "rt.gift")]
    [InlineData("Csv", "rt.csv")]
    public void Every_question_survives_a_write_and_a_read(string formatName, string fileName)
    {
        var format = Enum.Parse<BankFormat>(formatName);
        Bank.Sample(bank =>
        {
            var bytes = BankFiles.Write(bank, format);
            var back = BankFiles.Read(bytes, fileName, format, bank.Id);

            Assert.Equal(bank.Id, back.Bank.Id);
            Assert.Empty(back.Skipped);
            Assert.Equal(bank.Questions.Count, back.Bank.Questions.Count);
            foreach (var (sent, read) in bank.Questions.Zip(back.Bank.Questions))
            {
                var expected = format == BankFormat.Csv ? sent with { Feedback = null } : sent;
                Assert.True(QuestionComparer.Instance.Equals(expected, read), QuestionComparer.Describe(expected, read) + "\nfile:\n" + Encoding.UTF8.GetString(bytes));
            }
        }, iter: 400, threads: 1);
    }
}
