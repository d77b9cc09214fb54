using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Support;

// Slack's Web API on a real local port, for the bot to call as it would call slack.com/api: POST /api/{method} with a
// bearer token and a JSON or form body, answers {"ok":...} with Slack's shapes and error codes, and keeps every call
// (429s and ok:false included) for the test to read. POST /respond/{id} stands in for response_url.
public sealed partial class SlackStandIn : IAsyncDisposable
{
    public const string DefaultToken = "xoxb-1111-2222-standin";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly string _token;
    private readonly Lock _lock = new();
    private readonly List<SlackCall> _calls = [];
    private readonly HashSet<int> _taken = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (string Method, Task Until)? _hold;

    // Give the client's FakeTimeProvider to stamp calls on the same clock the client waits on.
    public SlackStandIn(string botToken = DefaultToken, TimeProvider? time = null)
    {
        _token = botToken;
        _time = time ?? TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/{method}", HandleApiAsync);
        _app.MapPost("/respond/{id}", HandleRespondAsync);
        _app.MapGet("/files-pri/{teamAndId}/download/{name}", ServeFileAsync);
        _app.MapGet("/oauth/v2/authorize", Authorize);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public string BaseUrl { get; }

    // What Slack:ApiBaseUrl should be set to.
    public string ApiBaseUrl => BaseUrl + "api/";

    public string TeamId { get; } = "T0STANDIN";

    public string BotUserId { get; } = "U0QUIZBOT";

    public string BotId { get; } = "B0QUIZBOT";

    public IReadOnlyList<SlackCall> Calls
    {
        get { lock (_lock) { return [.. _calls]; } }
    }

    // Calls to method are recorded as they arrive but answered only once until completes.
    public void Hold(string method, Task until) => _hold = (method, until);

    public IReadOnlyList<SlackCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    // The earliest call not yet taken (of that method, when given), waiting for it if need be.
    public async Task<SlackCall> NextAsync(string? method = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                for (var i = 0; i < _calls.Count; i++)
                {
                    if (!_taken.Contains(i) && (method is null || _calls[i].Method == method))
                    {
                        _taken.Add(i);
                        return _calls[i];
                    }
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {method ?? "Web API"} call reached the Slack stand-in; calls so far: " +
                    string.Join(", ", Calls.Select(c => c.Method)));
            }
        }
    }

    public async Task ExpectNothingMoreAsync(string? method, TimeSpan wait)
    {
        try
        {
            var call = await NextAsync(method, wait);
            throw new InvalidOperationException($"Unexpected {call.Method} call: {call.Body.ToJsonString()}");
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task<IResult> HandleApiAsync(HttpContext http, string method)
    {
        var (body, token) = await ReadBodyAsync(http.Request);
        var bearer = http.Request.Headers.Authorization.ToString();
        if (bearer.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = bearer["Bearer ".Length..];
        }
        var (status, answer, retryAfter) = method == "oauth.v2.access" ? OAuthAccess(body, bearer) : Answer(method, body, token);
        var error = answer is null ? $"http_{status}" : answer["ok"]?.GetValue<bool>() == true ? null : answer["error"]?.GetValue<string>();
        // The ts Slack gave the new message (chat.postMessage), so a test can click on it.
        var ts = answer?["ts"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        Record(new SlackCall(method, body, _time.GetUtcNow(), bearer, status, error) { ContentType = http.Request.ContentType, ResponseId = ts });
        if (_hold is { } hold && hold.Method == method)
        {
            // Recorded on arrival, answered only once the test lets go: a slow Slack.
            await hold.Until;
        }
        if (retryAfter is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return answer is null
            ? Results.Text($"<html><body><h1>{status}</h1></body></html>", "text/html", statusCode: status)
            : Results.Text(answer.ToJsonString(), "application/json; charset=utf-8", statusCode: status);
    }

    private void Record(SlackCall call)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _calls.Add(call);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    // JSON as the Node SDK sends it, or a form as older clients do; a form may carry the token as a field.
    private static async Task<(JsonObject Body, string? Token)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = new JsonObject();
            string? token = null;
            foreach (var (key, value) in new FormReader(text).ReadForm())
            {
                if (key == "token")
                {
                    token = value.ToString();
                }
                else
                {
                    form[key] = value.ToString();
                }
            }
            return (form, token);
        }
        try
        {
            return (JsonNode.Parse(text) as JsonObject ?? [], null);
        }
        catch (JsonException)
        {
            return (new JsonObject { ["_invalid_json"] = text }, null);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

// One request the stand-in received: Status is the HTTP status it answered, Error Slack's error code when ok was false.
public sealed record SlackCall(string Method, JsonObject Body, DateTimeOffset At, string Authorization, int Status, string? Error)
{
    // For a response_url post: which URL (the last segment of ResponseUrl()) it went to.
    public string? ResponseId { get; init; }

    public string? ContentType { get; init; }

    public bool Ok => Error is null && Status == 200;

    public string? this[string field] => Body[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
