using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Text.Json.Nodes;

namespace QuizBot.Bench.Fanout;

// A stand-in until the outbound branch's tests/QuizBot.Tests/Support/ThrottlingConnector.cs is on main (then link that
// file instead; its members match these). Teams' documented limits, counted on arrival over accepted requests only:
// per conversation 7/1 s, 8/2 s, 60/30 s; per tenant 50/1 s. Over a limit: 429 with Retry-After.
internal sealed class ThrottlingConnector : IAsyncDisposable
{
    private static readonly (int Count, double Seconds)[] ConversationLimits = [(7, 1), (8, 2), (60, 30)];
    private static readonly (int Count, double Seconds)[] TenantLimits = [(50, 1)];

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _windows = [];
    private readonly Dictionary<string, int> _delivered = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _throttled;
    private int _nextId;

    private ThrottlingConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public int Throttled => Volatile.Read(ref _throttled);

    // A conversation that got the same question twice: what a retried POST that had in fact been delivered causes.
    public int Duplicates
    {
        get { lock (_lock) { return _delivered.Values.Sum(n => Math.Max(0, n - 1)); } }
    }

    public int Delivered(string conversationId)
    {
        lock (_lock)
        {
            return _delivered.GetValueOrDefault(conversationId);
        }
    }

    public static async Task<ThrottlingConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var connector = new ThrottlingConnector(builder.Build());
        connector._app.MapMethods("/_connector/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT"], connector.HandleAsync);
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/_connector/";
        return connector;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string conversationId, string? activityId)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var tenant = body?["conversation"]?["tenantId"]?.GetValue<string>() ?? "";
        var at = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        double wait;
        lock (_lock)
        {
            var conversation = Window("c:" + conversationId);
            var tenantWindow = Window("t:" + tenant);
            wait = Math.Max(WaitNeeded(conversation, ConversationLimits, at), WaitNeeded(tenantWindow, TenantLimits, at));
            if (wait <= 0)
            {
                conversation.Add(at);
                tenantWindow.Add(at);
                if (HttpMethods.IsPost(http.Request.Method))
                {
                    _delivered[conversationId] = _delivered.GetValueOrDefault(conversationId) + 1;
                }
            }
        }
        if (wait > 0)
        {
            Interlocked.Increment(ref _throttled);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { error = new { code = "Throttled", message = "Too many requests." } }, statusCode: 429);
        }
        return Results.Json(new { id = activityId ?? $"act-{Interlocked.Increment(ref _nextId)}" }, statusCode: HttpMethods.IsPost(http.Request.Method) ? 201 : 200);
    }

    private List<double> Window(string key)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            _windows[key] = window = [];
        }
        return window;
    }

    // 0 when one more request now stays within every limit; else the seconds until it would.
    private static double WaitNeeded(List<double> accepted, (int Count, double Seconds)[] limits, double at)
    {
        accepted.RemoveAll(t => t <= at - limits.Max(l => l.Seconds));
        var wait = 0.0;
        foreach (var (count, seconds) in limits)
        {
            var inWindow = accepted.Where(t => t > at - seconds).ToList();
            if (inWindow.Count >= count)
            {
                wait = Math.Max(wait, inWindow[^count] + seconds - at);
            }
        }
        return wait;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
