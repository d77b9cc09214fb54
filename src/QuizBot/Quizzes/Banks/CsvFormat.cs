using System.Buffers;
using System.Globalization;
using System.Text;

namespace QuizBot.Quizzes.Banks;

// CSV as spreadsheets write it: a header row naming the columns (any case, any order), the delimiter sniffed from it
// (comma, semicolon or tab), RFC 4180 quoting with quotes doubled and line breaks inside quoted fields, UTF-8 with or
// without a byte order mark. Columns: question, choice 1 .. choice 6 (2 at least), right answer (1..N, A..F or the
// choice's text), and optional explanation, category, id. Errors name the file line a row starts on.
internal static class CsvFormat
{
    private const string Question = "question";
    private const string Right = "right answer";
    private const string Explanation = "explanation";
    private const string Category = "category";
    private const string Id = "id";

    // What makes a field need quotes: any delimiter a reader may sniff, quotes and line breaks.
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",;\t\"\r\n");

    // Header names without case, spaces and '_': "Right Answer", "right_answer" and "RIGHTANSWER" are one column.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["question"] = Question, ["text"] = Question, ["questiontext"] = Question,
        ["rightanswer"] = Right, ["answer"] = Right, ["correctanswer"] = Right,
        ["explanation"] = Explanation, ["category"] = Category, ["id"] = Id,
    };

    public static BankImport Read(string text, string source, string bankId)
    {
        var rows = Rows(text, Sniff(text), source).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new BankFormatException(source, null, null, "the file is empty; it needs a header row (question, choice 1, choice 2, right answer, ...) and a row per question");
        }
        var columns = Header(rows.Current.Fields, source, rows.Current.Line);
        var drafts = new List<QuestionDraft>();
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }
            if (fields.Count > columns.Count && fields.Skip(columns.Count).Any(f => f.Trim().Length > 0))
            {
                throw BankFormatException.AtLine(source, line, $"the row has {fields.Count} fields but the header names {columns.Count} columns; name the extra column in the header or remove its values");
            }
            string Get(string column) => columns.IndexOf(column) is var i and >= 0 && i < fields.Count ? fields[i].Trim() : "";
            var choices = new List<string>();
            for (var n = 1; n <= 6; n++)
            {
                var choice = Get($"choice {n}");
                if (choice.Length > 0)
                {
                    if (choices.Count < n - 1)
                    {
                        throw BankFormatException.AtLine(source, line, $"choice {choices.Count + 1} is empty but choice {n} is not; fill the choices from choice 1 on without gaps");
                    }
                    choices.Add(choice);
                }
            }
            var answer = Answer(Get(Right), choices, source, line);
            var id = Get(Id);
            drafts.Add(new QuestionDraft(line, id.Length == 0 ? null : id, Get(Question), choices, answer, Get(Explanation), Get(Category), null));
        }
        return BankAssembler.Assemble(source, bankId, BankAssembler.Humanise(source), drafts, []);
    }

    // The column names, normalised: "Choice 1", "choice_1", "CHOICE1" are all "choice 1"; "option 3" is "choice 3".
    private static List<string> Header(IReadOnlyList<string> fields, string source, int line)
    {
        var columns = new List<string>();
        foreach (var raw in fields)
        {
            var words = string.Concat(raw.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c != '_'));
            var choice = words.StartsWith("choice", StringComparison.Ordinal) || words.StartsWith("option", StringComparison.Ordinal) ? words[6..] : null;
            var name = choice is not null && int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 6
                ? $"choice {n}"
                : Aliases.GetValueOrDefault(words);
            if (name is null)
            {
                throw BankFormatException.AtLine(source, line, raw.Trim().Length == 0
                    ? $"column {columns.Count + 1} of the header has no name; name it or remove it ({Known})"
                    : $"the header names an unknown column \"{raw.Trim()}\"; known columns are {Known}");
            }
            if (columns.Contains(name))
            {
                throw BankFormatException.AtLine(source, line, $"the header names the column \"{name}\" twice; keep one");
            }
            columns.Add(name);
        }
        foreach (var required in new[] { Question, "choice 1", "choice 2", Right })
        {
            if (!columns.Contains(required))
            {
                throw BankFormatException.AtLine(source, line, $"the header has no \"{required}\" column; add it (columns: {Known})");
            }
        }
        return columns;
    }

    private const string Known = "question, choice 1 to choice 6, right answer, explanation, category, id";

    private static int Answer(string answer, List<string> choices, string source, int line)
    {
        if (answer.Length == 0)
        {
            throw BankFormatException.AtLine(source, line, $"the right answer is empty; give the number (1 to {choices.Count}), letter (A to {Last(choices)}) or text of the right choice");
        }
        if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count)
        {
            return n - 1;
        }
        if (answer.Length == 1 && char.ToUpperInvariant(answer[0]) is var c and >= 'A' && c - 'A' < choices.Count)
        {
            return c - 'A';
        }
        var index = choices.FindIndex(x => string.Equals(x, answer, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw BankFormatException.AtLine(source, line, $"the right answer \"{answer}\" is not a choice of this row; give its number (1 to {choices.Count}), letter (A to {Last(choices)}) or its text");
    }

    private static char Last(List<string> choices) => (char)('A' + Math.Max(choices.Count, 1) - 1);

    // The delimiter of the header line: the one of comma, semicolon and tab it has most of outside quotes.
    private static char Sniff(string text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && ch is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                comma += ch == ',' ? 1 : 0;
                semicolon += ch == ';' ? 1 : 0;
                tab += ch == '\t' ? 1 : 0;
            }
        }
        return tab > comma && tab >= semicolon ? '\t' : semicolon > comma ? ';' : ',';
    }

    // RFC 4180 records with the line each starts on. A quote in the middle of an unquoted field is kept as text (what
    // spreadsheets read too); a quoted field must end at its closing quote.
    private static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Rows(string text, char delimiter, string source)
    {
        var i = 0;
        var line = 1;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    var opened = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw BankFormatException.AtLine(source, opened, "a quoted field opened here never closes; add the closing \" (a quote inside quoted text is written twice: \"\")");
                        }
                        var ch = text[i++];
                        if (ch == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }
                            break;
                        }
                        line += ch == '\n' ? 1 : 0;
                        field.Append(ch);
                    }
                    if (i < text.Length && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                    {
                        throw BankFormatException.AtLine(source, line, $"text follows the closing quote of a field; put the whole field in quotes and write a quote inside it twice (\"\")");
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                    {
                        field.Append(text[i++]);
                    }
                }
                fields.Add(field.ToString());
                if (i < text.Length && text[i] == delimiter)
                {
                    i++;
                    continue;
                }
                break;
            }
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }
            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }
            line++;
            yield return (start, fields);
        }
    }

    public static byte[] Write(QuestionBank bank)
    {
        var most = Math.Max(2, bank.Questions.Max(q => q.Choices.Count));
        var csv = new StringBuilder("\uFEFF");
        Row(csv, ["id", "question", .. Enumerable.Range(1, most).Select(n => $"choice {n}"), "right answer", "explanation", "category"]);
        foreach (var q in bank.Questions)
        {
            Row(csv, [q.Id, q.Text, .. Enumerable.Range(0, most).Select(c => c < q.Choices.Count ? q.Choices[c] : ""),
                (q.Answer + 1).ToString(CultureInfo.InvariantCulture), q.Explanation, q.Category ?? ""]);
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Row(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }
            first = false;
            if (f.AsSpan().IndexOfAny(NeedsQuotes) >= 0 || f.Length != f.Trim().Length)
            {
                csv.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(f);
            }
        }
        csv.Append("\r\n");
    }
}
