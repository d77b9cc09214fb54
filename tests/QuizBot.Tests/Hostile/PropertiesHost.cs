using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Tests.Support;
using Xunit.Abstractions;

namespace QuizBot.Tests.Hostile;

// The real service in-process with Teams (authentication off, as in local development: the body is what is under
// test, not the token) and Slack (signed requests, so they reach parsing), plus what the properties watch: every HTTP
// answer, every message the bot sends, errors it logs with an exception, the store's rows, and requests still running.
internal sealed partial class HostileHost : IAsyncDisposable
{
    public const string Admin = "29:ada";
    public const string SlackAdmin = "U0ALICE";

    // A hang detector, not a speed check: a request that takes this long is stuck.
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(5);

    private readonly InFlight _inFlight = new();
    private readonly ErrorLog _errors = new();
    private readonly SlackSender _sender = new(SlackSender.DefaultSecret);

    // authentication: Bot Framework tokens checked, as in production (no signing keys are reachable, so none passes).
    public HostileHost(bool authentication = false)
    {
        var settings = authentication ? Auth.Support.AuthHost.MultiTenant() : [];
        Bot = new BotApp(new Dictionary<string, string?>(settings)
        {
            ["Slack:SigningSecret"] = SlackSender.DefaultSecret,
            ["Slack:BotToken"] = SlackStandIn.DefaultToken,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            // Configured admins reach the schedule parser and the admin commands; entries name their channel.
            ["QuizBot:Admins:0"] = "msteams:" + Admin,
        }, services: s =>
        {
            s.AddSingleton<IStartupFilter>(_inFlight);
            s.AddSingleton<ILoggerProvider>(_errors);
        });
        Slack.AddUser(SlackAdmin, "Alice Admin", "alice", isAdmin: true);
        Slack.AddUser("U0BOB", "Bob Builder", "bob");
        // Started now, so that the store's file exists before the first snapshot.
        _ = Bot.Services;
    }

    public SlackStandIn Slack { get; } = new();

    public BotApp Bot { get; }

    private int _conversations;

    // Each case in a conversation of its own: the connector paces sends per conversation (about one a second), which
    // would make the suite slow, not safer.
    public Activities Teams => new(Bot.Connector.ServiceUrl, conversationId: $"a:hostile-{Interlocked.Increment(ref _conversations)}", userId: Admin);

    public string Database => Path.Combine(Bot.DataDir, "quizbot.db");

    // Posts and waits for the request and any work it does after answering (Slack's and the invokes' follow-ups).
    public async Task<Exchange> SendAsync(HttpRequestMessage request)
    {
        using var client = Bot.CreateClient();
        var clock = Stopwatch.StartNew();
        var send = Task.Run(async () =>
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            await _inFlight.QuietAsync();
            return new Exchange((int)response.StatusCode, body);
        });
        try
        {
            return await send.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} was still running after {clock.Elapsed.TotalSeconds:0.0} s.");
        }
    }

    public Task<Exchange> PostTeamsAsync(byte[] body, string contentType = "application/json", string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        return SendAsync(request);
    }

    public Task<Exchange> PostSlackAsync(string path, byte[] body, string contentType) =>
        SendAsync(_sender.SignedRequest(path, body, contentType, null));

    // Every text the bot sent anywhere so far: Bot Connector activities and Slack Web API and response_url bodies.
    public IEnumerable<string> Sent =>
        Bot.Connector.Calls.Select(c => c.Body.ToJsonString()).Concat(Slack.Calls.Select(c => c.Body.ToJsonString()));

    public int SentCount => Bot.Connector.Calls.Count + Slack.Calls.Count;

    public IReadOnlyList<string> Errors => [.. _errors.Entries];

    // Every row of every table, as text: two equal snapshots mean the request stored nothing. Delivery bookkeeping (the
    // record that lets a redelivered activity run once) may be left out for requests that got past parsing.
    public string Rows(bool withDeliveries = true)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var text = new StringBuilder();
        foreach (var table in tables.Where(t => withDeliveries || t != "deliveries"))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            rows.Sort(StringComparer.Ordinal);
            text.Append(table).Append(": ").AppendJoin("\n  ", rows).Append('\n');
        }
        return text.ToString();
    }

    // What a stack trace or an exception's internals look like in text a person or a client could read.
    public static string? Leak(string text)
    {
        if (text.Contains("   at ", StringComparison.Ordinal))
        {
            return "a stack frame (\"   at \")";
        }
        if (text.Contains("Exception", StringComparison.Ordinal))
        {
            return "an exception's name";
        }
        return SourcePath().Match(text) is { Success: true } m ? $"a file path ({m.Value})" : null;
    }

    // Source paths as a stack trace or an exception message writes them (not any backslash: input is echoed).
    [GeneratedRegex(@"(/work/|/src/QuizBot/|\\src\\QuizBot\\|\.cs:line \d)")]
    private static partial Regex SourcePath();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Bot.DisposeAsync();
        }
        finally
        {
            await Slack.DisposeAsync();
        }
    }

    // Counts requests inside the pipeline, including work done after the answer went out.
    private sealed class InFlight : IStartupFilter
    {
        private int _count;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                Interlocked.Increment(ref _count);
                try
                {
                    await inner(context);
                }
                finally
                {
                    Interlocked.Decrement(ref _count);
                }
            });
            next(app);
        };

        public async Task QuietAsync()
        {
            while (Volatile.Read(ref _count) > 0)
            {
                await Task.Delay(2);
            }
        }
    }

    // Errors logged with an exception: an answered Slack request whose work crashed shows up only here.
    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                Entries.Enqueue($"{formatter(state, exception)}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        public void Dispose()
        {
        }
    }
}

public sealed record Exchange(int Status, string Body)
{
    public bool Refused => Status is >= 400 and < 500;
}

// Cases tried and refused per entry point, for the closing note.
public sealed class Tally(ITestOutputHelper output)
{
    private readonly ConcurrentDictionary<string, (int Tried, int Refused)> _counts = new();

    public void Add(string entryPoint, bool refused) =>
        _counts.AddOrUpdate(entryPoint, (1, refused ? 1 : 0), (_, c) => (c.Tried + 1, c.Refused + (refused ? 1 : 0)));

    public void Print()
    {
        foreach (var (entry, (tried, refused)) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{entry}: {tried} cases tried, {refused} refused");
        }
    }
}
