using System.Text;
using QuizBot.Quizzes.Banks;
using static QuizBot.Tests.Banks.BankFileKit;

namespace QuizBot.Tests.Banks;

public sealed class CsvFormatTests
{
    // What a European spreadsheet writes: semicolons, a BOM, CRLF, quotes doubled, a line break inside a quoted cell,
    // columns in its own order and case, answers by number, letter and text.
    private const string Semicolons =
        "\uFEFFCategory;Right Answer;Question;Choice 1;Choice 2;Choice 3;Explanation\r\n" +
        "Pruning;2;What does pruning remove?;Whole datasets;\"Unimportant weights; mostly\";;\"Weights that \"\"contribute\"\" little.\r\nSee chapter 2.\"\r\n" +
        ";;;;;;\r\n" +
        ";c;\"Which is smallest,\nint8, int4 or fp32?\";int8;fp32;int4;\r\n" +
        "Quantization;fp32;Which is largest?;int8;FP32;;\r\n";

    [Fact]
    public void A_semicolon_file_with_quotes_line_breaks_and_a_byte_order_mark_reads()
    {
        var bank = Read(Semicolons, "quiz.csv").Bank;

        Assert.Equal(3, bank.Questions.Count);
        var q = bank.Questions[0];
        Assert.Equal("What does pruning remove?", q.Text);
        Assert.Equal(["Whole datasets", "Unimportant weights; mostly"], q.Choices);
        Assert.Equal(1, q.Answer);
        Assert.Equal("Weights that \"contribute\" little.\nSee chapter 2.", q.Explanation);
        Assert.Equal("Pruning", q.Category);
        Assert.Equal("Which is smallest,\nint8, int4 or fp32?", bank.Questions[1].Text);
        Assert.Equal("int4", bank.Questions[1].AnswerText);
        Assert.Null(bank.Questions[1].Category);
        Assert.Equal("FP32", bank.Questions[2].AnswerText);
    }

    [Fact]
    public void Tabs_and_commas_are_sniffed_too_and_the_id_column_is_kept()
    {
        var tabs = Read("question\tchoice 1\tchoice 2\tanswer\tid\nOne, two?\ta\tb\tB\tq-1\n", "quiz.tsv").Bank;
        var commas = Read("QUESTION,CHOICE_1,Choice2,CorrectAnswer\n\"One; two?\",a,b,1\n", "quiz.csv").Bank;

        Assert.Equal(("q-1", "One, two?", "b"), (tabs.Questions[0].Id, tabs.Questions[0].Text, tabs.Questions[0].AnswerText));
        Assert.Equal(("One; two?", "a"), (commas.Questions[0].Text, commas.Questions[0].AnswerText));
    }

    [Theory]
    // The error names the file line a row starts on, past rows with line breaks inside quotes.
    [InlineData("question,choice 1,choice 2,right answer\n\"Multi\nline?\",a,b,1\nQ?,a,b,3\n", 4, "\"3\" is not a choice of this row")]
    [InlineData("question,choice 1,choice 2,right answer\nQ?,a,b,\n", 2, "right answer is empty")]
    [InlineData("question,choice 1,choice 2\nQ?,a,b\n", 1, "no \"right answer\" column")]
    [InlineData("question,choice 1,choice 2,right answer,colour\nQ?,a,b,1,red\n", 1, "unknown column \"colour\"")]
    [InlineData("question,choice 1,choice 2,right answer\nQ?,\"a,b,1\nQ2?,a,b,1\n", 2, "never closes")]
    [InlineData("question,choice 1,choice 2,right answer\nQ?,\"a\"x,b,1\n", 2, "follows the closing quote")]
    [InlineData("question,choice 1,choice 2,choice 3,right answer\nQ?,a,,c,1\n", 2, "choice 2 is empty but choice 3 is not")]
    [InlineData("question,choice 1,choice 2,right answer\nQ?,a,,1\n", 2, "1 choice")]
    [InlineData("question,choice 1,choice 2,right answer\nQ?,a,b,1,extra\n", 2, "5 fields but the header names 4")]
    public void A_broken_row_is_refused_at_its_file_line_with_what_to_fix(string csv, int line, string problem)
    {
        var e = Refused(csv, "broken.csv");

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_a_legacy_code_page_is_refused_with_the_line_and_how_to_save_it()
    {
        var latin1 = Encoding.Latin1.GetBytes("question,choice 1,choice 2,right answer\nQ?,a,b,1\nCafé?,a,b,1\n");

        var e = Refused(latin1, "excel.csv");

        Assert.Equal(3, e.Line);
        Assert.Contains("CSV UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_written_file_has_a_header_and_quotes_what_needs_them()
    {
        var bank = Read("question,choice 1,choice 2,right answer,category\n\"Say \"\"hi\"\", then;\",a,b,2,C\n", "x.csv").Bank;

        var csv = Encoding.UTF8.GetString(BankFiles.Write(bank, BankFormat.Csv));

        Assert.StartsWith("\uFEFFid,question,choice 1,choice 2,right answer,explanation,category\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"Say \"\"hi\"\", then;\",a,b,2,,C\r\n", csv, StringComparison.Ordinal);
    }
}
