using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuizBot.Quizzes.Banks;

// Turns drafts read from any text format into a QuestionBank with BankLoader's limits, so an Aiken, GIFT, CSV or Kahoot
// file can hold nothing a JSON bank could not. Questions without an id get one derived from their text, so that
// re-importing an edited file keeps the ids (and with them answers, disputes and reviews) of the unchanged questions.
internal static class BankAssembler
{
    public const int MaxQuestions = 10_000;
    private const int SlugWords = 6;
    private const int SlugLength = 40;

    public static BankImport Assemble(string source, string bankId, string title, IReadOnlyList<QuestionDraft> drafts, IReadOnlyList<SkippedItem> skipped)
    {
        if (drafts.Count == 0)
        {
            var why = skipped.Count == 0
                ? "the file holds no question; see docs/banks.md for what each format looks like"
                : $"the file holds no question QuizBot can ask: all {skipped.Count} were skipped (the first, line {skipped[0].Line}: {skipped[0].Reason})";
            throw new BankFormatException(source, null, null, why);
        }
        if (drafts.Count > MaxQuestions)
        {
            throw BankFormatException.AtLine(source, drafts[MaxQuestions].Line,
                $"the file holds more than {MaxQuestions:N0} questions; split it into several banks");
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in drafts.Where(d => d.Id is not null))
        {
            CheckId(d.Id!, source, d.Line);
            if (!taken.Add(d.Id!))
            {
                throw BankFormatException.AtLine(source, drafts.Last(o => o.Id == d.Id).Line,
                    $"the id '{d.Id}' is used by an earlier question; give this question another id");
            }
        }
        var questions = new List<Question>(drafts.Count);
        foreach (var d in drafts)
        {
            var id = d.Id ?? Unused(Slug(d.Text), taken);
            questions.Add(Check(d, id, source));
        }
        return new BankImport(new QuestionBank(bankId, Limit(title, 200), "", questions), skipped);
    }

    // The bank id a caller gave, else the file name's slug ("Pruning Basics.gift" -> "pruning-basics").
    public static string BankId(string? id, string source)
    {
        if (id is not null)
        {
            CheckBankId(id, source);
            return id;
        }
        var slug = Slug(Path.GetFileNameWithoutExtension(source), words: int.MaxValue, length: 64);
        return slug.Length > 0 ? slug : "bank";
    }

    // "model-compression_2.gift" -> "Model compression 2".
    public static string Humanise(string fileName)
    {
        var name = string.Join(' ', Path.GetFileNameWithoutExtension(fileName).Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries));
        return name.Length == 0 ? "Imported questions" : char.ToUpperInvariant(name[0]) + name[1..];
    }

    public static void CheckBankId(string id, string source)
    {
        if (!IsId(id))
        {
            throw new BankFormatException(source, null, "id", $"'{id}' is not a bank id: use 1 to 64 of a-z, 0-9 and '-'");
        }
    }

    public static bool IsId(string id) =>
        id.Length is > 0 and <= 64 && id.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-');

    // The first words of a text in lower-case ASCII joined by '-': accents dropped, other characters separate words.
    public static string Slug(string text) => Slug(text, SlugWords, SlugLength) is { Length: > 0 } slug
        ? slug
        // Text with no Latin letter or digit at all (Greek, Japanese, emoji): a short hash of it, still deterministic.
        : "q-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    private static string Slug(string text, int words, int length)
    {
        var slug = new StringBuilder();
        var count = 0;
        var gap = false;
        // Accents come apart from their letters in form D; ASCII text (most of it) needs no normalising.
        foreach (var ch in Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var c = char.ToLowerInvariant(ch);
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                if (gap || slug.Length == 0)
                {
                    if (count == words || slug.Length + 2 > length)
                    {
                        break;
                    }
                    if (slug.Length > 0)
                    {
                        slug.Append('-');
                    }
                    count++;
                    gap = false;
                }
                if (slug.Length == length)
                {
                    break;
                }
                slug.Append(c);
            }
            else
            {
                // An apostrophe joins ("model's" -> "models"); anything else separates words.
                gap |= c is not ('\'' or '’');
            }
        }
        return slug.ToString().TrimEnd('-');
    }

    private static string Unused(string slug, HashSet<string> taken)
    {
        var id = slug;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }
        return id;
    }

    private static void CheckId(string id, string source, int line)
    {
        if (!IsId(id))
        {
            throw BankFormatException.AtLine(source, line, $"'{id}' is not a question id: use 1 to 64 of a-z, 0-9 and '-'");
        }
    }

    // BankLoader's limits, said with the line.
    private static Question Check(QuestionDraft d, string id, string source)
    {
        var text = Field(d.Text, "the question text", 1000, source, d.Line);
        if (text.Length == 0)
        {
            throw BankFormatException.AtLine(source, d.Line, "the question has no text; write the question before its choices");
        }
        if (d.Choices.Count < 2)
        {
            throw BankFormatException.AtLine(source, d.Line, $"the question has {d.Choices.Count} choice; give it 2 to 6");
        }
        if (d.Choices.Count > 6)
        {
            throw BankFormatException.AtLine(source, d.Line, $"the question has {d.Choices.Count} choices; QuizBot asks at most 6, so remove {d.Choices.Count - 6}");
        }
        var choices = new List<string>(d.Choices.Count);
        foreach (var raw in d.Choices)
        {
            var label = Question.Label(choices.Count);
            var choice = Field(raw, $"choice {label}", 300, source, d.Line);
            if (choice.Length == 0)
            {
                throw BankFormatException.AtLine(source, d.Line, $"choice {label} is empty; write its text or remove it");
            }
            if (choices.FindIndex(c => string.Equals(c, choice, StringComparison.OrdinalIgnoreCase)) is var same and >= 0)
            {
                throw BankFormatException.AtLine(source, d.Line, $"choices {Question.Label(same)} and {label} are the same ('{choice}'); make them differ");
            }
            choices.Add(choice);
        }
        if (d.Answer < 0 || d.Answer >= choices.Count)
        {
            throw BankFormatException.AtLine(source, d.Line, "the question has no right answer; mark one of its choices as right");
        }
        var explanation = Field(d.Explanation, "the explanation", 2000, source, d.Line);
        var category = Field(d.Category ?? "", "the category", 200, source, d.Line);
        IReadOnlyList<string>? feedback = null;
        if (d.Feedback is { } f)
        {
            var texts = f.Select((t, i) => Field(t, $"the feedback of choice {Question.Label(i)}", 1000, source, d.Line)).ToList();
            feedback = texts.All(t => t.Length == 0) ? null : texts;
        }
        return new Question(id, text, choices, d.Answer, explanation, category.Length == 0 ? null : category, feedback);
    }

    private static string Field(string raw, string what, int max, string source, int line)
    {
        var text = BankText.Clean(raw);
        return text.Length <= max
            ? text
            : throw BankFormatException.AtLine(source, line, $"{what} has {text.Length} characters; at most {max} are allowed, so shorten it");
    }

    private static string Limit(string title, int max)
    {
        var t = BankText.Clean(title);
        return t.Length == 0 ? "Imported questions" : t.Length <= max ? t : t[..max].TrimEnd();
    }
}
