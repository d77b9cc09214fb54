using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using static QuizBot.Tests.Banks.BankFileKit;

namespace QuizBot.Tests.Banks;

public sealed class BankFilesTests
{
    [Theory]
    [InlineData("bank.json", "Json")]
    [InlineData("Quiz.TXT", "Aiken")]
    [InlineData("quiz.aiken", "Aiken")]
    [InlineData("moodle.gift", "Gift")]
    [InlineData("sheet.csv", "Csv")]
    [InlineData("sheet.tsv", "Csv")]
    [InlineData("uploads/Kahoot.xlsx", "Xlsx")]
    [InlineData("old.xls", null)]
    [InlineData("notes.docx", null)]
    [InlineData("no-extension", null)]
    public void The_format_comes_from_the_extension(string name, string? format) => Assert.Equal(format, BankFiles.FormatOf(name)?.ToString());

    [Fact]
    public void A_JSON_bank_reads_through_the_loader_and_an_explicit_id_overrides_the_files()
    {
        var json = """{ "formatVersion": 1, "id": "tiny", "title": "Tiny", "questions": [ { "id": "q1", "text": "One?", "choices": ["a", "b"], "answer": 1 } ] }""";

        Assert.Equal("tiny", Read(json, "tiny.json").Bank.Id);
        Assert.Equal("renamed", Read(json, "tiny.json", "renamed").Bank.Id);
        Assert.Contains("'Not An Id' is not a bank id", Assert.Throws<BankFormatException>(() => Read(json, "tiny.json", "Not An Id")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_come_from_the_text_and_stay_when_an_edited_file_is_read_again()
    {
        const string Before = "What is pruning?\nA. a\nB. b\nANSWER: A\n\nWhat is pruning?\nA. c\nB. d\nANSWER: B\n\nΤι είναι;\nA. a\nB. b\nANSWER: A\n\nCafé, l'été: déjà vu?\nA. a\nB. b\nANSWER: A\n";
        const string After = "A new first question?\nA. a\nB. b\nANSWER: A\n\n" + Before;

        var before = Read(Before, "q.txt").Bank.Questions.Select(q => q.Id).ToList();
        var after = Read(After, "q.txt").Bank.Questions.Select(q => q.Id).ToList();

        Assert.Equal("what-is-pruning", before[0]);
        Assert.Equal("what-is-pruning-2", before[1]);
        Assert.Matches("^q-[0-9a-f]{8}$", before[2]);
        Assert.Equal("cafe-lete-deja-vu", before[3]);
        Assert.Equal(["a-new-first-question", .. before], after);
    }

    [Fact]
    public void A_file_over_16_MiB_is_refused_before_it_is_read()
    {
        var e = Assert.Throws<BankFormatException>(() => BankFiles.Read(new byte[BankFiles.MaxBytes + 1], "huge.gift", BankFormat.Gift));

        Assert.Equal(16 * 1024 * 1024, BankLoader.MaxBytes);
        Assert.Contains("at most 16,777,216 (16 MiB)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_10000_questions_are_refused_at_the_first_one_too_many()
    {
        var csv = new StringBuilder("question,choice 1,choice 2,right answer\n");
        for (var i = 0; i <= 10_000; i++)
        {
            csv.Append("Question ").Append(i).Append("?,a,b,1\n");
        }

        var e = Refused(csv.ToString(), "many.csv");

        Assert.Equal(10_002, e.Line);
        Assert.Contains("more than 10,000 questions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_over_the_JSON_limits_are_refused_with_their_line()
    {
        var e = Refused($"Q?\nA. {new string('a', 301)}\nB. b\nANSWER: A\n", "long.txt");

        Assert.Equal(1, e.Line);
        Assert.Contains("choice A has 301 characters; at most 300", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_cannot_be_written()
    {
        var bank = Read("Q?\nA. a\nB. b\nANSWER: A\n", "q.txt").Bank;

        Assert.Throws<ArgumentOutOfRangeException>(() => BankFiles.Write(bank, BankFormat.Xlsx));
    }
}
