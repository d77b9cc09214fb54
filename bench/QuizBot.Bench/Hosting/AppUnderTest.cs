using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;

namespace QuizBot.Bench.Hosting;

// The real QuizBot (its own Program.cs, so whatever it registers or maps is measured) on Kestrel at a free loopback
// port, in the Development environment (no inbound auth), with a fresh SQLite file. The floor endpoint is added
// here, through a startup filter, so it never reaches Program.cs: it runs ahead of the app's pipeline and answers
// a fixed body after draining the request, which is what HTTP alone costs on this machine.
internal sealed class AppUnderTest : WebApplicationFactory<Program>
{
    public const string FloorPath = "/bench/floor";

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly IDisposable? _storeProcess;

    public AppUnderTest(string store, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        DataDir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        _time = time;
        _settings = new Dictionary<string, string?>(StoreSettings.For(store, DataDir, out _storeProcess))
        {
            // Only warnings: the run's own output must stay readable and end with the result line.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? [])
        {
            _settings[k] = v;
        }
        // Run as the benchmark program, the factory finds no content root (test projects get one generated); the app's
        // appsettings.json was copied to this output folder. Inside the test host, leave the tests' own setting alone.
        if (System.Reflection.Assembly.GetEntryAssembly() == typeof(AppUnderTest).Assembly)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_QUIZBOT", AppContext.BaseDirectory);
        }
        UseKestrel(0);
    }

    public string DataDir { get; }

    // The bytes /bench/floor answers; set it to a real invoke response so both sides move the same amount of data.
    public byte[] FloorBody { get; set; } = "{\"statusCode\":200}"u8.ToArray();

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var server = Services.GetRequiredService<IServer>();
            return new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new FloorFilter(this));
            if (_time is not null)
            {
                services.AddSingleton(_time);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _storeProcess?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file a finishing host still holds is not worth failing a run over.
        }
    }

    private sealed class FloorFilter(AppUnderTest owner) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                if (!http.Request.Path.Equals(FloorPath, StringComparison.Ordinal))
                {
                    await inner(http);
                    return;
                }
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                var body = owner.FloorBody;
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = body.Length;
                await http.Response.Body.WriteAsync(body, http.RequestAborted);
            });
            next(app);
        };
    }
}

// Which store the app runs on: a fresh SQLite file, or Azure Tables on an Azurite started for the run.
internal static class StoreSettings
{
    public static Dictionary<string, string?> For(string store, string dataDir, out IDisposable? resource)
    {
        resource = null;
        switch (store)
        {
            case "sqlite":
                return new() { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = Path.Combine(dataDir, "quizbot.db") };
            case "tables":
                var azurite = AzuriteProcess.Start();
                resource = azurite;
                return new() { ["Storage:Provider"] = "AzureTables", ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString };
            default:
                throw new ArgumentException($"Unknown store '{store}': use sqlite or tables.");
        }
    }
}
