using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QuizBot.Quizzes.Banks;

// GIFT (Moodle), the multiple-choice subset: "::title::" (the question id when it is one), the text, then
// "{ =right #feedback ~wrong #feedback ####general feedback }". "$CATEGORY:" sets the category of the questions after
// it, "//" starts a comment line, a blank line ends a question. Other question types (true/false, short answer,
// matching, numeric, essay, description, several right answers) are skipped with their line.
internal static partial class GiftFormat
{
    // Escaped characters and what they stand for; "\%" is QuizBot's, so a choice may start with a literal "%5%".
    private const string Specials = "~=#{}:\\%";

    [GeneratedRegex(@"^%(?<weight>-?\d+(?:\.\d+)?)%")]
    private static partial Regex Weight();

    [GeneratedRegex(@"^\[(?:html|moodle|plain|markdown)\]", RegexOptions.IgnoreCase)]
    private static partial Regex TextFormat();

    [GeneratedRegex(@"^\$[a-z]+\$/(?:top/)?|^top/", RegexOptions.IgnoreCase)]
    private static partial Regex CategoryRoot();

    public static BankImport Read(string text, string source, string bankId)
    {
        var lines = BankText.Lines(text);
        var drafts = new List<QuestionDraft>();
        var skipped = new List<SkippedItem>();
        string? category = null;
        string? title = null;
        var block = new Block();
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : "";
            var trimmed = line.Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (trimmed.Length == 0)
            {
                if (!block.IsEmpty)
                {
                    Question(block, category, source, drafts, skipped);
                    block = new Block();
                }
                continue;
            }
            if (trimmed.StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
            {
                // Moodle wants a blank line before it; a question right above it has ended all the same.
                if (!block.IsEmpty)
                {
                    Question(block, category, source, drafts, skipped);
                    block = new Block();
                }
                var name = CategoryRoot().Replace(Unescape(trimmed["$CATEGORY:".Length..]).Trim(), "");
                category = name.Length == 0 ? null : name;
                title ??= category;
                continue;
            }
            block.Add(line, i + 1);
        }
        return BankAssembler.Assemble(source, bankId, title ?? BankAssembler.Humanise(source), drafts, skipped);
    }

    private static void Question(Block block, string? category, string source, List<QuestionDraft> drafts, List<SkippedItem> skipped)
    {
        var s = block.Text.ToString();
        var start = block.LineAt(0);
        var pos = Skip(s, 0);
        string? id = null;
        if (s.AsSpan(pos).StartsWith("::"))
        {
            var close = Find(s, "::", pos + 2);
            if (close < 0)
            {
                throw BankFormatException.AtLine(source, start, "the title starts with \"::\" but never ends; close it with \"::\"");
            }
            var name = Unescape(s[(pos + 2)..close]).Trim();
            id = BankAssembler.IsId(name) ? name : null;
            pos = close + 2;
        }
        var open = Find(s, "{", pos);
        if (open < 0)
        {
            skipped.Add(new(start, "a description (text without an answer block {...}); QuizBot asks only questions"));
            return;
        }
        var end = Find(s, "}", open + 1);
        if (end < 0)
        {
            throw BankFormatException.AtLine(source, block.LineAt(open), "the answer block \"{\" is never closed; add \"}\" after the answers");
        }
        var before = TextFormat().Replace(s[pos..open].TrimStart(), "");
        var after = s[(end + 1)..].Trim();
        if (Find(s, "{", end + 1) is var next and >= 0)
        {
            throw BankFormatException.AtLine(source, block.LineAt(next), "a second answer block \"{\" in the same question; if a new question starts here, put a blank line before it");
        }
        var question = Unescape(before).Trim() + (after.Length == 0 ? "" : " _____ " + Unescape(after).Trim());
        var body = s[(open + 1)..end];
        var general = Find(body, "####", 0);
        var explanation = general < 0 ? "" : Unescape(body[(general + 4)..]);
        var answers = (general < 0 ? body : body[..general]).Trim();
        if (Other(answers) is { } kind)
        {
            skipped.Add(new(start, $"a {kind} question; QuizBot asks only multiple-choice questions"));
            return;
        }
        var choices = new List<string>();
        var feedback = new List<string>();
        var right = new List<int>();
        foreach (var (mark, raw) in Split(answers))
        {
            var answer = raw;
            var weight = mark == '=' ? 100m : 0m;
            if (Weight().Match(answer) is { Success: true } w)
            {
                weight = decimal.Parse(w.Groups["weight"].Value, CultureInfo.InvariantCulture);
                answer = answer[w.Length..];
                if (weight is > 0 and < 100)
                {
                    skipped.Add(new(start, $"a question with partial credit ({w.Value}); QuizBot questions have one right answer"));
                    return;
                }
            }
            if (weight >= 100)
            {
                right.Add(choices.Count);
            }
            var hash = Find(answer, "#", 0);
            choices.Add(Unescape(hash < 0 ? answer : answer[..hash]));
            feedback.Add(hash < 0 ? "" : Unescape(answer[(hash + 1)..]));
        }
        if (right.Count > 1)
        {
            skipped.Add(new(start, $"a question with {right.Count} right answers; QuizBot questions have one right answer"));
            return;
        }
        if (right.Count == 0)
        {
            throw BankFormatException.AtLine(source, start, "the question has no right answer; mark the right choice with \"=\" (and the wrong ones with \"~\")");
        }
        drafts.Add(new QuestionDraft(start, id, question, choices, right[0], explanation, category, feedback));
    }

    // The GIFT question types QuizBot does not ask, told apart from multiple choice the way Moodle does.
    private static string? Other(string answers)
    {
        if (answers.Length == 0)
        {
            return "essay";
        }
        if (answers.StartsWith('#'))
        {
            return "numeric";
        }
        var head = answers.Split('#', 2)[0].Trim();
        if (head is "T" or "F" or "TRUE" or "FALSE")
        {
            return "true/false";
        }
        if (Find(answers, "~", 0) < 0)
        {
            return Find(answers, "->", 0) >= 0 ? "matching" : "short answer";
        }
        return null;
    }

    // The answers of a block: each starts at an unescaped '=' or '~'.
    private static IEnumerable<(char Mark, string Text)> Split(string answers)
    {
        var starts = new List<int>();
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] == '\\')
            {
                i++;
            }
            else if (answers[i] is '=' or '~')
            {
                starts.Add(i);
            }
        }
        for (var k = 0; k < starts.Count; k++)
        {
            var from = starts[k] + 1;
            var to = k + 1 < starts.Count ? starts[k + 1] : answers.Length;
            yield return (answers[starts[k]], answers[from..to]);
        }
    }

    // The first unescaped occurrence of what at or after from, or -1.
    private static int Find(string s, string what, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == what[0] && (what.Length == 1 || string.CompareOrdinal(s, i, what, 0, what.Length) == 0))
            {
                return i;
            }
        }
        return -1;
    }

    private static int Skip(string s, int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
        {
            pos++;
        }
        return pos;
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }
        var text = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && (Specials.Contains(s[i + 1], StringComparison.Ordinal) || s[i + 1] == 'n'))
            {
                text.Append(s[++i] == 'n' ? '\n' : s[i]);
            }
            else
            {
                text.Append(s[i]);
            }
        }
        return text.ToString();
    }

    public static byte[] Write(QuestionBank bank)
    {
        var gift = new StringBuilder();
        gift.Append("// ").Append(Escape(bank.Title)).Append('\n');
        gift.Append("// Exported by QuizBot: ::id:: text { =right ~wrong #feedback ####explanation }\n\n");
        string? category = null;
        foreach (var q in bank.Questions)
        {
            if (q.Category != category)
            {
                // A category that starts like a Moodle root ("top/...") gets one, which reading strips again.
                var root = q.Category is { } name && CategoryRoot().IsMatch(name) ? "$course$/top/" : "";
                gift.Append("$CATEGORY: ").Append(root).Append(Escape(q.Category ?? "")).Append("\n\n");
                category = q.Category;
            }
            gift.Append("::").Append(q.Id).Append(":: ");
            // A text that starts like a format marker ("[html]...") is marked plain, so the marker reads as text.
            if (q.Text.StartsWith('['))
            {
                gift.Append("[plain]");
            }
            gift.Append(Escape(q.Text)).Append(" {\n");
            for (var c = 0; c < q.Choices.Count; c++)
            {
                gift.Append('\t').Append(c == q.Answer ? '=' : '~');
                if (q.Choices[c].StartsWith('%'))
                {
                    gift.Append('\\');
                }
                gift.Append(Escape(q.Choices[c]));
                if (q.Feedback is { } f && f[c].Length > 0)
                {
                    gift.Append(" #").Append(Escape(f[c]));
                }
                gift.Append('\n');
            }
            if (q.Explanation.Length > 0)
            {
                gift.Append("\t####").Append(Escape(q.Explanation)).Append('\n');
            }
            gift.Append("}\n\n");
        }
        return Encoding.UTF8.GetBytes(gift.ToString());
    }

    private static string Escape(string s)
    {
        var text = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            if (ch == '\n')
            {
                text.Append("\\n");
            }
            else if (ch == '\r')
            {
                // Texts hold "\n" only (BankText.Clean); a stray CR would otherwise break the line.
                text.Append("\\n");
            }
            else
            {
                if (ch is '~' or '=' or '#' or '{' or '}' or ':' or '\\')
                {
                    text.Append('\\');
                }
                text.Append(ch);
            }
        }
        return text.ToString();
    }

    // The lines of one question joined by "\n", and the file line of every character.
    private sealed class Block
    {
        private readonly List<(int Offset, int Line)> _lines = [];

        public StringBuilder Text { get; } = new();

        public bool IsEmpty => _lines.Count == 0;

        public void Add(string line, int number)
        {
            if (!IsEmpty)
            {
                Text.Append('\n');
            }
            _lines.Add((Text.Length, number));
            Text.Append(line);
        }

        public int LineAt(int offset)
        {
            var line = _lines[0].Line;
            foreach (var (o, n) in _lines)
            {
                if (o > offset)
                {
                    break;
                }
                line = n;
            }
            return line;
        }
    }
}
