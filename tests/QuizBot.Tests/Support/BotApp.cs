using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace QuizBot.Tests.Support;

// The real service in-process on its own SQLite file, replying to a RecordingConnector.
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    // services: registrations added after the service's own, for a test that adds a listener or an exporter.
    public BotApp(Dictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        _time = time;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = _dir.File("quizbot.db"),
            // Tests drive the scheduler with TickAsync on their own clock.
            ["QuizBot:Scheduler:TickSeconds"] = "0",
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
        // Also as host settings, which Program.cs sees while it registers services (the OTLP switch is read there).
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }
        if (_time is not null)
        {
            // The tests' clock drives the quiz; the connectors' rate limiters keep real time, or it would wait for a
            // fake second that never passes.
            builder.ConfigureTestServices(s => s.AddSingleton(_time)
                .AddSingleton(new QuizBot.Channels.Teams.Outbound.ConnectorRateLimiter(TimeProvider.System))
                .AddSingleton(new QuizBot.Channels.Slack.SlackRateLimiter(TimeProvider.System)));
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public async Task<HttpResponseMessage> PostAsync(JsonNode activity)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            await response.Content.LoadIntoBufferAsync();
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject { } body
                && body["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive" && body["value"] is { } card)
            {
                _invokeCards.Add(card);
            }
        }
        return response;
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<JsonNode> _invokeCards = [];

    // Every card the bot showed in this test, through the connector or as an invoke answer, passes the official parser.
    private async Task CheckCardsAsync()
    {
        foreach (var call in Connector.Calls)
        {
            foreach (var attachment in call.Attachments)
            {
                await OfficialCards.AssertValidAsync(attachment!["content"]!, $"{call.Method} to {call.ConversationId}");
            }
        }
        foreach (var card in _invokeCards)
        {
            await OfficialCards.AssertValidAsync(card, "invoke answer");
        }
    }

    // Posts an invoke and reads the inline answer Teams would get (HTTP 200 with statusCode/type/value).
    public async Task<JsonNode> InvokeAsync(JsonNode activity)
    {
        using var response = await PostAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        var checkCards = Connector.Calls.Count + _invokeCards.Count > 0 ? CheckCardsAsync() : Task.CompletedTask;
        try
        {
            await checkCards;
        }
        finally
        {
            // Disposing the host disposes the outbound resilience pipelines, and Polly waits for executions still in flight
            // (a Home refresh or a follow-up in the background, a retry's backoff) by sleeping on the service's TimeProvider.
            // On a fake clock that sleep never ends unless the clock moves, as it would in production: so it moves meanwhile.
            using var stopped = new CancellationTokenSource();
            var clock = _time is FakeTimeProvider fake ? Task.Run(async () =>
            {
                while (!stopped.IsCancellationRequested)
                {
                    fake.Advance(TimeSpan.FromSeconds(1));
                    await Task.Delay(10, CancellationToken.None);
                }
            }, CancellationToken.None) : Task.CompletedTask;
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                await stopped.CancelAsync();
                await clock;
            }
            await Connector.DisposeAsync();
            _dir.Dispose();
        }
    }
}
