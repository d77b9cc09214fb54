using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace QuizBot.Bench.Hosting;

// The least of Slack's Web API the bot needs, on a loopback port, fast: POST /api/{method} with the bearer token and a
// JSON body, answered with Slack's shapes (chat.postMessage {ok,channel,ts}, chat.update {ok,channel,ts},
// chat.postEphemeral {ok,message_ts}, users.info {ok,user{...}} for any user id). Every call is counted by method;
// messages are counted per channel (with duplicates: the same text and blocks twice in one channel) and ephemeral
// messages per user. chat.postMessage is held to one per second per channel, counted on arrival, as Slack documents
// it ("about one message per second per channel"; real Slack also lets short bursts through, so this is the stricter
// reading): a post within a second of the channel's last accepted one answers 429 with Retry-After and
// {"ok":false,"error":"ratelimited"}. Self-contained (ASP.NET Core only, no test framework) like the other bench hosts.
internal sealed class SlackWebApiStandIn : IAsyncDisposable
{
    public const string Token = "xoxb-0000-bench-standin";

    private static readonly TimeSpan PostMessageSpacing = TimeSpan.FromSeconds(1);

    private readonly WebApplication _app;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _ephemerals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _lastPost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _firstBlocks = new(StringComparer.Ordinal);
    private long _nextTs;
    private int _ephemeralTotal;
    private long _lastEphemeralAt;
    private int _throttled;
    private int _duplicates;
    private int _inFlight;
    private int _peakInFlight;

    private SlackWebApiStandIn(WebApplication app) => _app = app;

    public string ApiBaseUrl { get; private set; } = "";

    public static async Task<SlackWebApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new SlackWebApiStandIn(builder.Build());
        standIn._app.MapPost("/api/{method}", standIn.HandleAsync);
        // response_url posts: the bench makes each click's URL end with the clicker's id.
        standIn._app.MapPost("/respond/{user}", standIn.RespondAsync);
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.ApiBaseUrl = address + "/api/";
        return standIn;
    }

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public int TotalCalls => _calls.Values.Sum();

    public int Ephemerals => Volatile.Read(ref _ephemeralTotal);

    // When the latest chat.postEphemeral arrived (a Stopwatch timestamp), 0 before the first.
    public long LastEphemeralAt => Volatile.Read(ref _lastEphemeralAt);

    // Ephemeral messages per user id.
    public IReadOnlyDictionary<string, int> EphemeralsByUser => new Dictionary<string, int>(_ephemerals, StringComparer.Ordinal);

    public int Throttled => Volatile.Read(ref _throttled);

    public int Duplicates => Volatile.Read(ref _duplicates);

    // The most Web API calls that were being answered at the same moment.
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public int Delivered(string channel)
    {
        lock (_lock)
        {
            return _delivered.GetValueOrDefault(channel);
        }
    }

    // The blocks of the first message posted to a channel, as the bot sent them (what a click payload carries back).
    public string? FirstBlocks(string channel)
    {
        lock (_lock)
        {
            return _firstBlocks.GetValueOrDefault(channel);
        }
    }

    private async Task RespondAsync(HttpContext http, string user)
    {
        _calls.AddOrUpdate("response_url", 1, (_, n) => n + 1);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        if (Field(body.RootElement, "response_type") == "ephemeral")
        {
            _ephemerals.AddOrUpdate(user, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _ephemeralTotal);
            Volatile.Write(ref _lastEphemeralAt, _time.GetTimestamp());
        }
        await AnswerAsync(http, 200, """{"ok":true}""");
    }

    private async Task HandleAsync(HttpContext http, string method)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peakInFlight); now > peak && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak;)
        {
            peak = Volatile.Read(ref _peakInFlight);
        }
        try
        {
            _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = body.RootElement;
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                await AnswerAsync(http, 200, """{"ok":false,"error":"invalid_auth"}""");
                return;
            }
            var channel = Field(root, "channel");
            switch (method)
            {
                case "chat.postMessage" when channel is not null:
                    await PostMessageAsync(http, root, channel);
                    return;
                case "chat.update" when channel is not null && Field(root, "ts") is { } ts:
                    await AnswerAsync(http, 200, $$"""{"ok":true,"channel":{{Quote(channel)}},"ts":{{Quote(ts)}}}""");
                    return;
                case "chat.postEphemeral" when channel is not null && Field(root, "user") is { } user:
                    _ephemerals.AddOrUpdate(user, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref _ephemeralTotal);
                    Volatile.Write(ref _lastEphemeralAt, _time.GetTimestamp());
                    await AnswerAsync(http, 200, $$"""{"ok":true,"message_ts":{{Quote(NextTs())}}}""");
                    return;
                case "users.info" when Field(root, "user") is { } id:
                    var name = Quote("user-" + id.ToLowerInvariant());
                    await AnswerAsync(http, 200,
                        $$$"""{"ok":true,"user":{"id":{{{Quote(id)}}},"name":{{{name}}},"real_name":{{{name}}},"profile":{"display_name":{{{name}}},"real_name":{{{name}}}},"is_admin":false,"is_owner":false}}""");
                    return;
                case "views.publish" when Field(root, "user_id") is not null:
                    // The Home tab each person's answer refreshes: Slack answers with the view it now shows.
                    await AnswerAsync(http, 200, $$$"""{"ok":true,"view":{"id":{{{Quote("V" + NextTs())}}},"type":"home"}}""");
                    return;
                default:
                    await AnswerAsync(http, 200, """{"ok":false,"error":"invalid_arguments"}""");
                    return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task PostMessageAsync(HttpContext http, JsonElement root, string channel)
    {
        var at = _time.GetTimestamp();
        TimeSpan? wait = null;
        lock (_lock)
        {
            if (_lastPost.TryGetValue(channel, out var last) && _time.GetElapsedTime(last, at) < PostMessageSpacing)
            {
                wait = PostMessageSpacing - _time.GetElapsedTime(last, at);
            }
            else
            {
                _lastPost[channel] = at;
                _delivered[channel] = _delivered.GetValueOrDefault(channel) + 1;
                var blocks = root.TryGetProperty("blocks", out var b) ? b.GetRawText() : "";
                if (!_seen.Add(channel + "\n" + Hash(Field(root, "text") + "\n" + blocks)))
                {
                    _duplicates++;
                }
                _firstBlocks.TryAdd(channel, blocks);
            }
        }
        if (wait is { } w)
        {
            Interlocked.Increment(ref _throttled);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await AnswerAsync(http, 429, """{"ok":false,"error":"ratelimited"}""");
            return;
        }
        await AnswerAsync(http, 200, $$"""{"ok":true,"channel":{{Quote(channel)}},"ts":{{Quote(NextTs())}}}""");
    }

    private static Task AnswerAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    // Unique and increasing, in Slack's "seconds.micro" form.
    private string NextTs()
    {
        var n = Interlocked.Increment(ref _nextTs);
        return string.Create(CultureInfo.InvariantCulture, $"{1700000000 + n / 1_000_000}.{n % 1_000_000:D6}");
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string? Field(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
