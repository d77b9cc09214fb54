using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuizBot.Quizzes;

namespace QuizBot.Storage;

// How both stores keep a bank version: its questions as compact JSON, gzipped (a 5,000-question bank is megabytes of
// text), and a hash of that JSON that says whether an import changed anything. The storage form, not the file format
// admins edit (that is BankLoader's): it is written and read only here, so it needs no validation on the way back.
internal static class BankContent
{
    public static (byte[] Content, string Hash) Encode(QuestionBank bank)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Stored.From(bank), BankContentJson.Default.Stored);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(json);
        }
        return (buffer.ToArray(), hash);
    }

    public static QuestionBank Decode(byte[] content, int version)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        var stored = JsonSerializer.Deserialize(gzip, BankContentJson.Default.Stored)
            ?? throw new InvalidDataException("A stored bank version is empty.");
        return stored.ToBank(version);
    }

    internal sealed record Stored(string Id, string Title, string Description, List<StoredQuestion> Questions)
    {
        public static Stored From(QuestionBank b) => new(b.Id, b.Title, b.Description, [.. b.Questions.Select(q =>
            new StoredQuestion(q.Id, q.Text, [.. q.Choices], q.Answer, q.Explanation, q.Category, q.Feedback?.ToList()))]);

        public QuestionBank ToBank(int version) => new(Id, Title, Description,
            [.. Questions.Select(q => new Question(q.Id, q.Text, q.Choices, q.Answer, q.Explanation, q.Category, q.Feedback))], version);
    }

    internal sealed record StoredQuestion(string Id, string Text, List<string> Choices, int Answer, string Explanation, string? Category,
        List<string>? Feedback);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BankContent.Stored))]
internal sealed partial class BankContentJson : JsonSerializerContext;
