using System.IO.Compression;
using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

// One Teams app package built by deploy/teams/build-package.mjs from a known configuration, shared by a test class.
public sealed class TeamsPackage : IAsyncLifetime
{
    public const string AppId = "6f1c2a7e-3b9d-4e58-a0c4-7d2e9b1f5a36";
    public const string TeamsAppId = "c0ffee00-1234-4abc-8def-0123456789ab";
    public const string Version = "2.3.4";
    public const string Domain = "quizbot-test.azurewebsites.net";

    private readonly TempDir _dir = new();

    public string ZipPath => _dir.File("quizbot-teams.zip");

    public JsonObject Manifest { get; private set; } = [];

    public Dictionary<string, byte[]> Entries { get; } = [];

    public static Dictionary<string, string> Configuration() => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["QUIZBOT_TEAMS_APP_ID"] = TeamsAppId,
        ["QUIZBOT_PACKAGE_VERSION"] = Version,
        ["QUIZBOT_DOMAIN"] = Domain,
    };

    public static Task<ToolResult> BuildAsync(string zipPath, Dictionary<string, string> env) =>
        Tool.RunAsync("node", [Repo.Path("deploy", "teams", "build-package.mjs"), "--out", zipPath], env);

    public static Dictionary<string, byte[]> Read(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public async Task InitializeAsync()
    {
        var result = await BuildAsync(ZipPath, Configuration());
        Assert.True(result.ExitCode == 0, result.Errors);
        foreach (var (name, data) in Read(ZipPath))
        {
            Entries[name] = data;
        }
        Manifest = JsonNode.Parse(Entries["manifest.json"])!.AsObject();
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
