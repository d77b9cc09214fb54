using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace QuizBot.Quizzes.Banks;

// Kahoot's spreadsheet template (.xlsx): title rows, then a header row "Question - max 120 characters",
// "Answer 1 - max 75 characters" .. "Answer 4", "Time limit (sec)", "Correct answer(s) - choose at least one", then a row
// per question. The first worksheet is read straight from the OOXML package (a zip of XML parts): shared strings,
// inline strings, numbers. The time limit is ignored (QuizBot's rounds have their own window); a row with more than
// one right answer is skipped, since a QuizBot question has one. Lines in errors are spreadsheet rows.
internal static class XlsxFormat
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // A 16 MiB file may unpack to far more; no honest quiz needs more XML than this.
    private const long MaxUnpacked = 64L * 1024 * 1024;

    public static BankImport Read(byte[] content, string source, string bankId)
    {
        Dictionary<int, Dictionary<int, string>> rows;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var strings = zip.GetEntry("xl/sharedStrings.xml") is { } s ? SharedStrings(s, source) : [];
            rows = Sheet(FirstSheet(zip, source), strings, source);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            throw new BankFormatException(source, null, null, $"the file is not a readable .xlsx spreadsheet ({e.Message}); save it again as an Excel workbook (.xlsx)");
        }
        return Kahoot(rows, source, bankId);
    }

    private static BankImport Kahoot(Dictionary<int, Dictionary<int, string>> rows, string source, string bankId)
    {
        var header = rows.OrderBy(r => r.Key).FirstOrDefault(r => Column(r.Value, "question") is not null && Column(r.Value, "answer 1") is not null);
        if (header.Value is null)
        {
            throw BankFormatException.AtLine(source, 1, "no header row with \"Question - max 120 characters\" and \"Answer 1 - max 75 characters\" was found; use Kahoot's quiz spreadsheet template");
        }
        var question = Column(header.Value, "question")!.Value;
        var answers = Enumerable.Range(1, 4).Select(n => Column(header.Value, $"answer {n}")).ToList();
        var correct = Column(header.Value, "correct answer")
            ?? throw BankFormatException.AtLine(source, header.Key, "the header has no \"Correct answer(s) - choose at least one\" column; use Kahoot's quiz spreadsheet template");
        var drafts = new List<QuestionDraft>();
        var skipped = new List<SkippedItem>();
        foreach (var (row, cells) in rows.Where(r => r.Key > header.Key).OrderBy(r => r.Key))
        {
            string Cell(int? column) => column is { } c && cells.TryGetValue(c, out var v) ? v.Trim() : "";
            var text = Cell(question);
            var given = answers.Select(Cell).ToList();
            if (text.Length == 0 && given.All(a => a.Length == 0))
            {
                // The template's numbered but empty rows.
                continue;
            }
            var right = Cell(correct).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (right.Length == 0)
            {
                throw BankFormatException.AtLine(source, row, "the row has no correct answer; put the number of the right answer (1 to 4) in \"Correct answer(s)\"");
            }
            if (right.Length > 1)
            {
                skipped.Add(new(row, $"{right.Length} correct answers ({string.Join(',', right)}); a QuizBot question has one right answer"));
                continue;
            }
            if (!double.TryParse(right[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != Math.Floor(number) || number is < 1 or > 4)
            {
                throw BankFormatException.AtLine(source, row, $"the correct answer \"{right[0]}\" is not a number from 1 to 4; give the number of the right answer");
            }
            var picked = (int)number - 1;
            if (given[picked].Length == 0)
            {
                throw BankFormatException.AtLine(source, row, $"the correct answer is {picked + 1}, but answer {picked + 1} is empty; fill it in or correct the number");
            }
            // Kahoot leaves answers 3 and 4 empty for two-choice questions; the right one is counted among those given.
            var choices = given.Where(a => a.Length > 0).ToList();
            var answer = given.Take(picked).Count(a => a.Length > 0);
            drafts.Add(new QuestionDraft(row, null, text, choices, answer, "", null, null));
        }
        return BankAssembler.Assemble(source, bankId, BankAssembler.Humanise(source), drafts, skipped);
    }

    // The column whose header starts with the name ("Answer 1 - max 75 characters" for "answer 1").
    private static int? Column(Dictionary<int, string> cells, string name)
    {
        foreach (var (column, value) in cells.OrderBy(c => c.Key))
        {
            if (value.Trim().StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }
        return null;
    }

    private static ZipArchiveEntry FirstSheet(ZipArchive zip, string source)
    {
        var workbook = zip.GetEntry("xl/workbook.xml") ?? throw new BankFormatException(source, null, null, "the file has no workbook (xl/workbook.xml); save it again as an Excel workbook (.xlsx)");
        string? relation = null;
        using (var reader = Reader(workbook))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == Main)
                {
                    relation = reader.GetAttribute("id", Relationships);
                    break;
                }
            }
        }
        var target = "worksheets/sheet1.xml";
        if (relation is not null && zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = Reader(rels);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == relation)
                {
                    target = reader.GetAttribute("Target") ?? target;
                    break;
                }
            }
        }
        var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
        return zip.GetEntry(path) ?? throw new BankFormatException(source, null, null, $"the workbook's first sheet ({path}) is missing; save it again as an Excel workbook (.xlsx)");
    }

    private static List<string> SharedStrings(ZipArchiveEntry entry, string source)
    {
        var strings = new List<string>();
        using var reader = Reader(entry);
        var text = new StringBuilder();
        var inPhonetic = false;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NamespaceURI == Main && reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && !inPhonetic)
            {
                // Leaves the reader on the node after </t>, which the loop looks at next.
                text.Append(reader.ReadElementContentAsString());
                continue;
            }
            if (reader.NamespaceURI == Main && reader.LocalName == "si")
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    text.Clear();
                }
                if (reader.NodeType == XmlNodeType.EndElement || reader.IsEmptyElement)
                {
                    strings.Add(text.ToString());
                }
            }
            else if (reader.NamespaceURI == Main && reader.LocalName == "rPh")
            {
                // Phonetic guides (furigana) are not part of the text.
                inPhonetic = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
            }
            if (strings.Count > 1_000_000)
            {
                throw new BankFormatException(source, null, null, "the spreadsheet holds more than a million texts; no quiz needs that many");
            }
            reader.Read();
        }
        return strings;
    }

    // Row number -> column number -> text of each cell with a value.
    private static Dictionary<int, Dictionary<int, string>> Sheet(ZipArchiveEntry entry, List<string> strings, string source)
    {
        var rows = new Dictionary<int, Dictionary<int, string>>();
        using var reader = Reader(entry);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != Main)
            {
                continue;
            }
            if (reader.LocalName == "row")
            {
                rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
            }
            else if (reader.LocalName == "c")
            {
                var reference = reader.GetAttribute("r");
                var type = reader.GetAttribute("t") ?? "n";
                var cells = rows.TryGetValue(rowNumber, out var existing) ? existing : rows[rowNumber] = [];
                var column = reference is null ? cells.Count + 1 : ColumnOf(reference);
                var value = Cell(reader, type, strings, source, rowNumber);
                if (value is not null)
                {
                    cells[column] = value;
                }
            }
        }
        return rows;
    }

    private static string? Cell(XmlReader reader, string type, List<string> strings, string source, int row)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }
        string? value = null;
        var depth = reader.Depth;
        var inline = new StringBuilder();
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "v" or "t")
            {
                // Leaves the reader on the node after the element, which the loop looks at next.
                var isValue = reader.LocalName == "v";
                var content = reader.ReadElementContentAsString();
                if (isValue)
                {
                    value = content;
                }
                else
                {
                    inline.Append(content);
                }
                continue;
            }
            reader.Read();
        }
        return type switch
        {
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count
                ? strings[i]
                : throw BankFormatException.AtLine(source, row, "a cell refers to a text the spreadsheet does not hold; save it again as an Excel workbook (.xlsx)"),
            "inlineStr" => inline.ToString(),
            "b" => value == "1" ? "TRUE" : "FALSE",
            // Numbers as Excel shows them in General format: 2, not 2.0.
            "n" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("G15", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return column;
    }

    private static XmlReader Reader(ZipArchiveEntry entry) =>
        XmlReader.Create(new LimitedStream(entry.Open(), MaxUnpacked), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = false,
            CloseInput = true,
        });

    // Stops reading a zip entry that unpacks to more than the limit (a zip bomb), whatever its header claims.
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            return _read > limit ? throw new InvalidDataException($"a part of it unpacks to more than {limit / (1024 * 1024)} MiB") : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
