using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace QuizBot.Bench.Fanout;

// A Bot Connector on a real local port that enforces Teams' limits the way the real one is documented to: per
// conversation 7/1 s, 8/2 s, 60/30 s, 1800/1 h and per tenant (activity.conversation.tenantId) 50/1 s, counted on
// arrival, answering 429 with Retry-After when a request would exceed one. Only accepted requests count.
// It counts what a user would see: messages delivered per conversation, and duplicates (a POST whose text and
// attachments equal an earlier POST's in the same conversation; senders that mean to repeat themselves should vary
// the text). Self-contained (ASP.NET Core only, no test framework) so a benchmark can link this file.
public sealed class ThrottlingConnector : IAsyncDisposable
{
    private static readonly (int Count, TimeSpan Length)[] ConversationLimits =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];
    private static readonly (int Count, TimeSpan Length)[] TenantLimits = [(50, TimeSpan.FromSeconds(1))];

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<TimeSpan>> _conversationWindows = [];
    private readonly Dictionary<string, Queue<TimeSpan>> _tenantWindows = [];
    private readonly Dictionary<string, int> _delivered = [];
    private readonly HashSet<string> _seen = [];
    private readonly ConcurrentQueue<ConnectorHit> _hits = new();
    private readonly ConcurrentQueue<ScriptedFailure> _failures = new();
    private readonly SemaphoreSlim _hit = new(0);
    private int _nextId;

    // Give the client's FakeTimeProvider to run the windows and the hit times on the same fake clock.
    public ThrottlingConnector(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapMethods("/_connector/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT"], HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ServiceUrl = address + "/_connector/";
    }

    public string ServiceUrl { get; }

    // Every request in arrival order, whatever it was answered.
    public IReadOnlyList<ConnectorHit> Hits => [.. _hits];

    public int Throttled => Hits.Count(h => h.Status == 429);

    public int Duplicates { get; private set; }

    public int Delivered(string conversationId)
    {
        lock (_lock)
        {
            return _delivered.GetValueOrDefault(conversationId);
        }
    }

    public int TotalDelivered
    {
        get { lock (_lock) { return _delivered.Values.Sum(); } }
    }

    // The next requests get these answers, before any limit is checked. Status 0 drops the connection mid-request;
    // Hang holds the request until the client gives up on it.
    public void FailNext(int status, string? retryAfter = null, string? errorCode = null) =>
        _failures.Enqueue(new ScriptedFailure(status, retryAfter, errorCode, Hang: false));

    public void HangNext() => _failures.Enqueue(new ScriptedFailure(0, null, null, Hang: true));

    // Waits (in real time, for the server to see them) until at least count requests have arrived.
    public async Task<bool> WaitForHitsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (_hits.Count < count)
            {
                await _hit.WaitAsync(cts.Token);
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return _hits.Count >= count;
        }
    }

    private async Task HandleAsync(HttpContext http, string conversationId, string? activityId)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var tenant = body?["conversation"]?["tenantId"]?.GetValue<string>();
        var at = _time.GetElapsedTime(_started);
        if (_failures.TryDequeue(out var failure))
        {
            Record(new ConnectorHit(http.Request.Method, conversationId, tenant, failure.Status, at));
            await FailAsync(http, failure);
            return;
        }

        var isPost = HttpMethods.IsPost(http.Request.Method);
        TimeSpan? wait;
        lock (_lock)
        {
            var conversationWindow = Window(_conversationWindows, conversationId);
            var tenantWindow = tenant is null ? null : Window(_tenantWindows, tenant);
            wait = Max(WaitNeeded(conversationWindow, ConversationLimits, at), tenantWindow is null ? null : WaitNeeded(tenantWindow, TenantLimits, at));
            if (wait is null)
            {
                conversationWindow.Enqueue(at);
                tenantWindow?.Enqueue(at);
                if (isPost)
                {
                    _delivered[conversationId] = _delivered.GetValueOrDefault(conversationId) + 1;
                    if (!_seen.Add(conversationId + "\n" + ContentHash(body)))
                    {
                        Duplicates++;
                    }
                }
            }
        }
        if (wait is { } w)
        {
            Record(new ConnectorHit(http.Request.Method, conversationId, tenant, 429, at));
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(Error("Throttled", "Too many requests."));
            return;
        }

        Record(new ConnectorHit(http.Request.Method, conversationId, tenant, isPost ? 201 : 200, at));
        http.Response.StatusCode = isPost ? 201 : 200;
        var id = isPost ? $"act-{Interlocked.Increment(ref _nextId)}" : activityId;
        await http.Response.WriteAsJsonAsync(new { id });
    }

    private static async Task FailAsync(HttpContext http, ScriptedFailure failure)
    {
        if (failure.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        if (failure.Status == 0)
        {
            http.Abort();
            return;
        }
        http.Response.StatusCode = failure.Status;
        if (failure.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = failure.RetryAfter;
        }
        await http.Response.WriteAsJsonAsync(Error(failure.ErrorCode ?? "ServiceError", "Scripted failure."));
    }

    private static object Error(string code, string message) => new { error = new { code, message } };

    private void Record(ConnectorHit hit)
    {
        _hits.Enqueue(hit);
        _hit.Release();
    }

    private static Queue<TimeSpan> Window(Dictionary<string, Queue<TimeSpan>> windows, string key)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new Queue<TimeSpan>();
            windows.Add(key, window);
        }
        return window;
    }

    // Null when one more request at `at` keeps every window within its count; else how long until it would.
    private static TimeSpan? WaitNeeded(Queue<TimeSpan> accepted, (int Count, TimeSpan Length)[] limits, TimeSpan at)
    {
        var longest = limits.Max(l => l.Length);
        while (accepted.Count > 0 && accepted.Peek() <= at - longest)
        {
            accepted.Dequeue();
        }
        TimeSpan? wait = null;
        var times = accepted.ToArray();
        foreach (var (count, length) in limits)
        {
            var inWindow = times.Where(t => t > at - length).ToArray();
            if (inWindow.Length >= count)
            {
                wait = Max(wait, inWindow[^count] + length - at);
            }
        }
        return wait;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static string ContentHash(JsonNode? body)
    {
        var content = (body?["text"]?.ToJsonString() ?? "") + "\n" + (body?["attachments"]?.ToJsonString() ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _hit.Dispose();
    }

    private sealed record ScriptedFailure(int Status, string? RetryAfter, string? ErrorCode, bool Hang);
}

// One request as the connector saw it: At is the time since the connector started, on its clock.
public sealed record ConnectorHit(string Method, string ConversationId, string? TenantId, int Status, TimeSpan At);
