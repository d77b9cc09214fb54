using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace QuizBot.Tests.Banks;

// A real .xlsx laid out like Kahoot's quiz template (title rows, the header on row 8, a numbered row per question),
// written with the Open XML SDK: texts as shared strings (as Excel saves them) or inline strings (as other tools do),
// numbers as numbers.
internal static class KahootSheet
{
    public const int HeaderRow = 8;

    private static readonly string[] Header =
    [
        "", "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
        "Answer 3 - max 75 characters", "Answer 4 - max 75 characters", "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
        "Correct answer(s) - choose at least one",
    ];

    // One row per question: text, up to four answers, time limit, correct answer(s) ("2", "1,3" or a number).
    public static byte[] Write(IReadOnlyList<(string Question, string[] Answers, object Correct)> questions, bool inline = false)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var strings = book.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));

            Cell Text(string column, int row, string text)
            {
                var reference = $"{column}{row}";
                if (inline)
                {
                    return new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString };
                }
                strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                var index = strings.SharedStringTable.ChildElements.Count - 1;
                return new Cell(new CellValue(index.ToString(CultureInfo.InvariantCulture))) { CellReference = reference, DataType = CellValues.SharedString };
            }
            static Cell Number(string column, int row, double n) => new(new CellValue(n)) { CellReference = $"{column}{row}" };

            data.AppendChild(new Row(Text("B", 1, "Quiz template")) { RowIndex = 1 });
            data.AppendChild(new Row(Text("B", 2, "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).")) { RowIndex = 2 });
            var header = new Row { RowIndex = HeaderRow };
            for (var c = 1; c < Header.Length; c++)
            {
                header.AppendChild(Text(((char)('A' + c)).ToString(), HeaderRow, Header[c]));
            }
            data.AppendChild(header);
            var r = HeaderRow;
            foreach (var (question, answers, correct) in questions)
            {
                r++;
                var row = new Row { RowIndex = (uint)r };
                row.AppendChild(Number("A", r, r - HeaderRow));
                if (question.Length > 0)
                {
                    row.AppendChild(Text("B", r, question));
                }
                for (var a = 0; a < answers.Length; a++)
                {
                    if (answers[a].Length > 0)
                    {
                        row.AppendChild(Text(((char)('C' + a)).ToString(), r, answers[a]));
                    }
                }
                row.AppendChild(Number("G", r, 20));
                row.AppendChild(correct is double or int ? Number("H", r, Convert.ToDouble(correct, CultureInfo.InvariantCulture)) : Text("H", r, (string)correct));
                data.AppendChild(row);
            }
            // The template's numbered rows nobody filled in.
            for (var empty = 0; empty < 3; empty++)
            {
                r++;
                data.AppendChild(new Row(Number("A", r, r - HeaderRow)) { RowIndex = (uint)r });
            }
        }
        return stream.ToArray();
    }
}
