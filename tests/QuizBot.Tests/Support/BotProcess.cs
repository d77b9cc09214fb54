using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// The service as its own operating-system process, built like the tests, on a SQLite file the test chooses: the one way
// to test what survives `kill -9` (no finally block, no graceful shutdown, no flush). Its scheduler runs on real time.
public sealed class BotProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private BotProcess(ChildProcess process, HttpClient http)
    {
        _process = process;
        _http = http;
    }

    public string Output => _process.Output;

    // Where the service listens (http://127.0.0.1:port).
    public Uri BaseAddress => _http.BaseAddress!;

    // bin/<Configuration>/net10.0 of the tests; the service is built beside them in the same configuration.
    public static string Dll => Repo.Path("src", "QuizBot", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "QuizBot.dll");

    public static async Task<BotProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null)
    {
        var dll = Dll;
        var port = ChildProcess.FreePort();
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__Sqlite__Path"] = databasePath,
            ["QuizBot__Scheduler__TickSeconds"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            env[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        }
        var process = ChildProcess.Start("dotnet", [dll], env, Path.GetDirectoryName(dll));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var bot = new BotProcess(process, http);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException) when (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
            }
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                var output = process.Output;
                await bot.DisposeAsync();
                throw new InvalidOperationException($"The service did not start:\n{output}");
            }
            await Task.Delay(100);
        }
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, CancellationToken ct = default) =>
        _http.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity, ct);

    // SIGKILL: the process ends between two instructions, whatever it was doing.
    public async Task KillAsync()
    {
        await _process.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}

// The service processes one test starts, killed together when it ends, whether it passed or not.
public sealed class BotProcesses : IAsyncDisposable
{
    private readonly List<BotProcess> _started = [];

    public async Task<BotProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null)
    {
        var bot = await BotProcess.StartAsync(databasePath, settings);
        _started.Add(bot);
        return bot;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _started)
        {
            await bot.DisposeAsync();
        }
    }
}
