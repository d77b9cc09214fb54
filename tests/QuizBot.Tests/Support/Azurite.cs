using System.Diagnostics;

namespace QuizBot.Tests.Support;

// The Table Storage emulator from tests/js, on a free port, in memory, for one collection of tests. When it cannot
// start the tests fail with its output: a storage suite that silently skips proves nothing.
public sealed class Azurite : IAsyncLifetime
{
    // Azurite's well-known development account (public, documented, not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDir _dir = new();
    private ChildProcess? _process;

    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var bin = Repo.Path("tests", "js", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run `npm ci --prefix tests/js` (test.sh does).");
        }
        var port = ChildProcess.FreePort();
        // Azurite writes its debug and extent files to the working directory even in memory mode.
        _process = ChildProcess.Start(bin,
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--inMemoryPersistence", "--disableTelemetry", "--silent"],
            workingDirectory: _dir.Path);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/devstoreaccount1/Tables");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited before it listened: {_process.Output}");
            }
            try
            {
                // Any HTTP answer (403 without a signature) means it is listening.
                using var response = await http.GetAsync(url);
                break;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new InvalidOperationException($"Azurite did not answer on port {port} within 60 s: {_process.Output}", e);
            }
        }
        Port = port;
        ConnectionString = ConnectionStringFor(port);
    }

    // Also for a client pointed at a port where nothing listens.
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
