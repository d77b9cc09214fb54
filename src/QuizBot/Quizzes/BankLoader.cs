using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuizBot.Quizzes;

// Reads the bank format described in banks/bank.schema.json. Validation is written out by hand so
// that every error names the file, the question and the field, which a schema validator does not.
internal static class BankLoader
{
    public const int FormatVersion = 1;
    // The same caps as every import format (QuizBot.Quizzes.Banks.BankFiles).
    public const int MaxBytes = 16 * 1024 * 1024;
    public const int MaxQuestions = 10_000;
    private static readonly HashSet<string> BankFields = ["$schema", "formatVersion", "id", "title", "description", "questions"];
    private static readonly HashSet<string> QuestionFields = ["id", "text", "choices", "answer", "explanation", "category", "feedback"];

    public static QuestionBank Load(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new BankFormatException(info.Name, null, null, $"the file is {info.Length} bytes; at most {MaxBytes} are allowed");
        }
        return Parse(File.ReadAllBytes(path), info.Name);
    }

    public static QuestionBank Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxBytes)
        {
            throw new BankFormatException(source, null, null, $"the bank is {json.Length} bytes; at most {MaxBytes} are allowed");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new BankFormatException(source, null, null, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BankFormatException(source, null, null, "the bank must be a JSON object");
            }
            RejectUnknown(root, BankFields, source, null);
            var version = Int(root, "formatVersion", source, null);
            if (version != FormatVersion)
            {
                throw new BankFormatException(source, null, "formatVersion", $"version {version} is not supported; this QuizBot reads version {FormatVersion}");
            }
            var id = Id(root, source, null);
            var title = Text(root, "title", 200, source, null);
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? String(d, source, null, "description") : "";
            if (!root.TryGetProperty("questions", out var qs) || qs.ValueKind != JsonValueKind.Array || qs.GetArrayLength() == 0)
            {
                throw new BankFormatException(source, null, "questions", "a non-empty array of questions is required");
            }
            if (qs.GetArrayLength() > MaxQuestions)
            {
                throw new BankFormatException(source, null, "questions", $"{qs.GetArrayLength():N0} questions given; at most {MaxQuestions:N0} are allowed, so split the bank");
            }
            var questions = new List<Question>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var q in qs.EnumerateArray())
            {
                var where = $"#{questions.Count + 1}";
                var question = ParseQuestion(q, source, where);
                if (!ids.Add(question.Id))
                {
                    throw new BankFormatException(source, $"{where} ({question.Id})", "id", "the id is used by an earlier question");
                }
                questions.Add(question);
            }
            return new QuestionBank(id, title, description, questions);
        }
    }

    // The format Parse reads, indented, non-ASCII text as it is (a bank file is no HTML page, so nothing needs escaping
    // for one). Fields with nothing in them (category, feedback) are left out.
    public static byte[] Write(QuestionBank bank)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "./bank.schema.json");
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("id", bank.Id);
            json.WriteString("title", bank.Title);
            if (bank.Description.Length > 0)
            {
                json.WriteString("description", bank.Description);
            }
            json.WriteStartArray("questions");
            foreach (var q in bank.Questions)
            {
                json.WriteStartObject();
                json.WriteString("id", q.Id);
                json.WriteString("text", q.Text);
                json.WriteStartArray("choices");
                foreach (var c in q.Choices)
                {
                    json.WriteStringValue(c);
                }
                json.WriteEndArray();
                json.WriteNumber("answer", q.Answer);
                if (q.Explanation.Length > 0)
                {
                    json.WriteString("explanation", q.Explanation);
                }
                if (q.Category is { } category)
                {
                    json.WriteString("category", category);
                }
                if (q.Feedback is { } feedback)
                {
                    json.WriteStartArray("feedback");
                    foreach (var f in feedback)
                    {
                        json.WriteStringValue(f);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static Question ParseQuestion(JsonElement q, string source, string where)
    {
        if (q.ValueKind != JsonValueKind.Object)
        {
            throw new BankFormatException(source, where, null, "each question must be a JSON object");
        }
        // Field lookups unescape names to compare them, so a name escaping half a surrogate pair is refused first.
        foreach (var p in q.EnumerateObject())
        {
            Name(p, source, where);
        }
        var id = Id(q, source, where);
        where = $"{where} ({id})";
        RejectUnknown(q, QuestionFields, source, where);
        var text = Text(q, "text", 1000, source, where);
        if (!q.TryGetProperty("choices", out var cs) || cs.ValueKind != JsonValueKind.Array)
        {
            throw new BankFormatException(source, where, "choices", "an array of 2 to 6 choices is required");
        }
        var choices = new List<string>();
        foreach (var c in cs.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(String(c, source, where, $"choices[{choices.Count}]")))
            {
                throw new BankFormatException(source, where, $"choices[{choices.Count}]", "each choice must be non-empty text");
            }
            var choice = c.GetString()!.Trim();
            if (choice.Length > 300)
            {
                throw new BankFormatException(source, where, $"choices[{choices.Count}]", "a choice may have at most 300 characters");
            }
            if (choices.Contains(choice, StringComparer.OrdinalIgnoreCase))
            {
                throw new BankFormatException(source, where, $"choices[{choices.Count}]", "the same choice appears twice");
            }
            choices.Add(choice);
        }
        if (choices.Count is < 2 or > 6)
        {
            throw new BankFormatException(source, where, "choices", $"{choices.Count} choices given; 2 to 6 are allowed");
        }
        var answer = Int(q, "answer", source, where);
        if (answer < 0 || answer >= choices.Count)
        {
            throw new BankFormatException(source, where, "answer", $"{answer} is not the index of a choice (0 to {choices.Count - 1})");
        }
        var explanation = Optional(q, "explanation", 2000, source, where);
        var category = Optional(q, "category", 200, source, where);
        return new Question(id, text, choices, answer, explanation, category.Length == 0 ? null : category, Feedback(q, choices.Count, source, where));
    }

    // Optional text: missing, null or blank reads as "".
    private static string Optional(JsonElement e, string field, int max, string source, string? where)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new BankFormatException(source, where, field, "text is required");
        }
        var text = String(v, source, where, field).Trim();
        if (text.Length > max)
        {
            throw new BankFormatException(source, where, field, $"at most {max} characters are allowed, {text.Length} given");
        }
        return text;
    }

    // One entry per choice, "" where that choice has none; absent when no choice has any.
    private static IReadOnlyList<string>? Feedback(JsonElement q, int choices, string source, string where)
    {
        if (!q.TryGetProperty("feedback", out var f) || f.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (f.ValueKind != JsonValueKind.Array || f.GetArrayLength() != choices)
        {
            throw new BankFormatException(source, where, "feedback", $"an array with one text per choice ({choices}) is required");
        }
        var feedback = new List<string>();
        foreach (var item in f.EnumerateArray())
        {
            var field = $"feedback[{feedback.Count}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new BankFormatException(source, where, field, "text is required (\"\" for none)");
            }
            var text = String(item, source, where, field).Trim();
            if (text.Length > 1000)
            {
                throw new BankFormatException(source, where, field, $"at most 1000 characters are allowed, {text.Length} given");
            }
            feedback.Add(text);
        }
        return feedback.All(t => t.Length == 0) ? null : feedback;
    }

    private static string Id(JsonElement e, string source, string? where)
    {
        var id = Text(e, "id", 64, source, where);
        foreach (var ch in id)
        {
            if (!(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
            {
                throw new BankFormatException(source, where, "id", $"'{id}' may use only a-z, 0-9 and '-'");
            }
        }
        return id;
    }

    private static string Text(JsonElement e, string field, int max, string source, string? where)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(String(v, source, where, field)))
        {
            throw new BankFormatException(source, where, field, "non-empty text is required");
        }
        var text = v.GetString()!.Trim();
        if (text.Length > max)
        {
            throw new BankFormatException(source, where, field, $"at most {max} characters are allowed, {text.Length} given");
        }
        return text;
    }

    // JSON may escape half a surrogate pair ("\uD800"): it parses, but is no text, and GetString throws on it.
    private static string String(JsonElement v, string source, string? where, string field)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new BankFormatException(source, where, field, "the text is not valid Unicode (it escapes half a surrogate pair)");
        }
    }

    private static string Name(JsonProperty p, string source, string? where)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            throw new BankFormatException(source, where, null, "a field name is not valid Unicode (it escapes half a surrogate pair)");
        }
    }

    private static int Int(JsonElement e, string field, string source, string? where)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            throw new BankFormatException(source, where, field, "a whole number is required");
        }
        return n;
    }

    private static void RejectUnknown(JsonElement e, HashSet<string> known, string source, string? where)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(Name(p, source, where)))
            {
                throw new BankFormatException(source, where, p.Name, $"unknown field; known fields are {string.Join(", ", known)}");
            }
        }
    }
}
