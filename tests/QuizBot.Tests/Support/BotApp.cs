using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace QuizBot.Tests.Support;

// The real service in-process on its own SQLite file, replying to a RecordingConnector.
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string?> _settings;

    public BotApp(Dictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = _dir.File("quizbot.db"),
        };
        foreach (var (k, v) in settings ?? [])
        {
            _settings[k] = v;
        }
    }

    public RecordingConnector Connector { get; } = new();

    public string DataDir => _dir.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
    }

    public async Task<HttpResponseMessage> PostAsync(JsonNode activity)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Connector.DisposeAsync();
        _dir.Dispose();
    }
}
