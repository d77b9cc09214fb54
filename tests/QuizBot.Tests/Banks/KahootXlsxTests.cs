using static QuizBot.Tests.Banks.BankFileKit;

namespace QuizBot.Tests.Banks;

public sealed class KahootXlsxTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_template_reads_below_its_header_with_two_choice_rows_and_the_time_limit_ignored(bool inline)
    {
        var xlsx = KahootSheet.Write([
            ("What does pruning remove?", ["Whole datasets", "Unimportant weights", "Layers", "Nothing"], 2),
            ("Is int8 smaller than fp32?", ["True", "False", "", ""], "1"),
            ("Pick the lossy ones", ["Pruning", "Quantization", "Zip", ""], "1,2"),
            ("Which one is fastest?", ["fp32", "", "int8", ""], 3),
        ], inline);

        var import = Read(xlsx, "Compression quiz.xlsx");

        var bank = import.Bank;
        Assert.Equal(("compression-quiz", "Compression quiz"), (bank.Id, bank.Title));
        Assert.Equal(3, bank.Questions.Count);
        Assert.Equal(["Whole datasets", "Unimportant weights", "Layers", "Nothing"], bank.Questions[0].Choices);
        Assert.Equal("Unimportant weights", bank.Questions[0].AnswerText);
        Assert.Equal("what-does-pruning-remove", bank.Questions[0].Id);
        Assert.Equal(["True", "False"], bank.Questions[1].Choices);
        Assert.Equal("True", bank.Questions[1].AnswerText);
        // Answer 2 left empty: the right answer is still the one in column "Answer 3".
        Assert.Equal("int8", bank.Questions[2].AnswerText);
        var skipped = Assert.Single(import.Skipped);
        Assert.Equal(KahootSheet.HeaderRow + 3, skipped.Line);
        Assert.Contains("2 correct answers (1,2)", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, "no correct answer")]
    [InlineData("5", 1, "not a number from 1 to 4")]
    [InlineData("3", 1, "answer 3 is empty")]
    public void A_broken_row_is_refused_at_its_spreadsheet_row(string correct, int question, string problem)
    {
        var xlsx = KahootSheet.Write([("Fine?", ["a", "b", "", ""], 1), ("Broken?", ["a", "b", "", ""], correct)]);

        var e = Refused(xlsx, "broken.xlsx");

        Assert.Equal(KahootSheet.HeaderRow + 1 + question, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_without_the_template_header_or_a_file_that_is_no_spreadsheet_is_refused()
    {
        Assert.Contains("Kahoot's quiz spreadsheet template", Refused(OtherSheet(), "other.xlsx").Message, StringComparison.Ordinal);
        Assert.Contains("not a readable .xlsx", Refused("question,choice 1"u8.ToArray(), "renamed.xlsx").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_that_unpacks_to_more_than_64_MiB_is_refused_without_reading_it_whole()
    {
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var book = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open()))
            {
                book.Write("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>");
            }
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Fastest).Open();
            sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            var padding = new byte[1024 * 1024];
            Array.Fill(padding, (byte)' ');
            for (var i = 0; i < 65; i++)
            {
                sheet.Write(padding);
            }
            sheet.Write("</sheetData></worksheet>"u8);
        }

        var e = Refused(bomb.ToArray(), "bomb.xlsx");

        Assert.True(bomb.Length < 1024 * 1024, $"the test file is {bomb.Length} bytes");
        Assert.Contains("unpacks to more than 64 MiB", e.Message, StringComparison.Ordinal);
    }

    private static byte[] OtherSheet()
    {
        // A workbook whose texts are all somewhere else than the template puts them.
        using var stream = new MemoryStream(KahootSheet.Write([("Q?", ["a", "b", "", ""], 1)]));
        using var copy = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read))
        using (var output = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                using var from = new StreamReader(entry.Open());
                var text = from.ReadToEnd().Replace("Question - max", "Frage - max", StringComparison.Ordinal);
                using var to = new StreamWriter(output.CreateEntry(entry.FullName).Open());
                to.Write(text);
            }
        }
        return copy.ToArray();
    }
}
