using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

// `QuizBot banks ...` as an admin runs it: the built service binary on a store named by the usual settings.
public sealed class BankCommandLineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var process = ChildProcess.Start("dotnet", [BotProcess.Dll, "banks", .. args],
            new Dictionary<string, string> { ["Storage__Sqlite__Path"] = _dir.File("quizbot.db"), ["Logging__LogLevel__Default"] = "Warning" });
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.Output);
    }

    [Fact]
    public async Task An_import_stores_a_version_the_list_shows_and_importing_it_again_changes_nothing()
    {
        var seed = Repo.Path("banks", "model-compression.json");

        var first = await RunAsync("import", seed);
        var again = await RunAsync("import", seed);
        var copy = await RunAsync("import", seed, "--id", "compression-copy");
        var list = await RunAsync("list");

        Assert.Equal((0, "Imported Model compression: pruning and quantization (model-compression) as version 1: 10 questions, 0 skipped."), first);
        Assert.Equal(0, again.Code);
        Assert.Contains("is unchanged: version 1 already holds these 10 questions", again.Output, StringComparison.Ordinal);
        Assert.Contains("(compression-copy) as version 1", copy.Output, StringComparison.Ordinal);
        var rows = list.Output.Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.Matches(@"^compression-copy\s+1\s+10\s", rows[1]);
        Assert.Matches(@"^model-compression\s+1\s+10\s", rows[2]);
    }

    [Fact]
    public async Task A_gift_file_imports_and_exports_to_gift_and_json_that_import_again_unchanged()
    {
        var gift = Repo.Path("tests", "QuizBot.Tests", "Banks", "Data", "model-compression.gift");
        var exported = _dir.File("exported.gift");

        var imported = await RunAsync("import", gift, "--id", "compression");
        var export = await RunAsync("export", "compression", "--format", "gift", "--out", exported);
        var again = await RunAsync("import", exported, "--id", "compression");
        var json = await RunAsync("export", "compression", "--format", "json", "--version", "1");
        var noVersion = await RunAsync("export", "compression", "--format", "csv", "--version", "2");

        Assert.Equal(0, imported.Code);
        Assert.EndsWith("(compression) as version 1: 10 questions, 0 skipped.", imported.Output, StringComparison.Ordinal);
        Assert.Equal((0, ""), export);
        Assert.Contains("::pruning-objective::", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
        Assert.Contains("is unchanged: version 1", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        Assert.Contains("\"id\": \"pruning-objective\"", json.Output, StringComparison.Ordinal);
        Assert.Equal((1, "[stderr] Bank 'compression' has no version 2."), noVersion);
    }

    [Fact]
    public async Task A_broken_file_a_missing_file_and_a_wrong_command_are_refused_with_what_to_fix_and_store_nothing()
    {
        var broken = _dir.File("broken.json");
        await File.WriteAllTextAsync(broken, """{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a", "b"], "answer": 5 } ] }""");

        var refused = await RunAsync("import", broken);
        var missing = await RunAsync("import", _dir.File("nowhere.gift"));
        var wrong = await RunAsync("import", broken, "--colour", "red");
        var unknownFormat = await RunAsync("import", broken, "--format", "docx");
        var list = await RunAsync("list");

        Assert.Equal(1, refused.Code);
        Assert.Contains("broken.json, question #1 (q1), field 'answer': 5 is not the index of a choice", refused.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Contains("There is no file", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, wrong.Code);
        Assert.Contains("banks import has no option --colour", wrong.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknownFormat.Code);
        Assert.Contains("'docx' is not a format", unknownFormat.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at QuizBot", refused.Output + missing.Output + wrong.Output + unknownFormat.Output, StringComparison.Ordinal);
        Assert.Equal((0, "The store holds no banks yet."), list);
    }
}
