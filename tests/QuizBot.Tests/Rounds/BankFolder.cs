using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// A banks folder holding a copy of the seed bank that a test edits between two service starts, as an operator would.
internal sealed class BankFolder : IDisposable
{
    public const string SeedFile = "model-compression.json";
    private readonly TempDir _dir = new();

    public BankFolder()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Path("banks"), "*.json"))
        {
            File.Copy(file, _dir.File(System.IO.Path.GetFileName(file)));
        }
    }

    public string Path => _dir.Path;

    public IReadOnlyList<string> Ids => [.. Questions(Read()).Select(q => q!["id"]!.GetValue<string>())];

    // Changes the seed bank's question list in place (reorder, insert, remove, change an answer).
    public void Edit(Action<JsonArray> change)
    {
        var bank = Read();
        change(Questions(bank));
        File.WriteAllText(_dir.File(SeedFile), bank.ToJsonString());
    }

    public static JsonObject NewQuestion(string id, int answer) => new()
    {
        ["id"] = id,
        ["text"] = $"A question added later ({id})",
        ["choices"] = new JsonArray("One", "Two", "Three"),
        ["answer"] = answer,
        ["explanation"] = "Added to the bank while rounds were open.",
    };

    public static JsonNode Remove(JsonArray questions, string id)
    {
        var question = questions.First(q => q!["id"]!.GetValue<string>() == id)!;
        questions.Remove(question);
        return question;
    }

    private JsonObject Read() => JsonNode.Parse(File.ReadAllText(_dir.File(SeedFile)))!.AsObject();

    private static JsonArray Questions(JsonObject bank) => bank["questions"]!.AsArray();

    public void Dispose() => _dir.Dispose();
}
