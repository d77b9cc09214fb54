using System.Reflection;
using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

// deploy/azure/main.bicep compiled to ARM JSON by the real Bicep CLI (from the NuGet package
// Azure.Bicep.CommandLine.linux-x64, whose folder the test project records as assembly metadata).
public sealed class AzureTemplate : IAsyncLifetime
{
    public ToolResult Build { get; private set; } = new(-1, "", "");

    public JsonObject Arm { get; private set; } = [];

    public static string Bicep
    {
        get
        {
            var package = typeof(AzureTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value;
            return Path.Combine(package ?? "", "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        }
    }

    public async Task InitializeAsync()
    {
        Build = await Tool.RunAsync(Bicep, ["build", Repo.Path("deploy", "azure", "main.bicep"), "--stdout"]);
        if (Build.ExitCode == 0)
        {
            Arm = JsonNode.Parse(Build.Output)!.AsObject();
        }
    }

    // Bicep emits resources as an array, or keyed by symbolic name when newer language features are in use.
    public IEnumerable<JsonObject> Resources => Arm["resources"] switch
    {
        JsonArray a => a.Select(r => r!.AsObject()),
        JsonObject o => o.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    public JsonObject Resource(string type) => Resources.Single(r => (string?)r["type"] == type);

    // An ARM expression with its string variables written out, so tests can look for the values themselves.
    public string Resolve(string expression) =>
        (Arm["variables"] as JsonObject ?? []).Where(v => v.Value is JsonValue value && value.TryGetValue<string>(out _))
            .Aggregate(expression, (e, v) => e.Replace($"variables('{v.Key}')", $"'{(string)v.Value!}'", StringComparison.Ordinal));

    public Task DisposeAsync() => Task.CompletedTask;
}
