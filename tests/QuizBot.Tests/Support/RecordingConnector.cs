using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Support;

// A Bot Connector on a real local port: it takes the bot's REST calls as Teams' connector would,
// answers {"id": ...}, and keeps every call for the test to read.
public sealed class RecordingConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextId;

    public RecordingConnector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapMethods("/_connector/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT"], RecordAsync);
        _app.MapPost("/_connector/v3/conversations", (Delegate)CreateAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ServiceUrl = address + "/_connector/";
    }

    // With a trailing slash, as Teams sends it; tests may trim it to check both forms.
    public string ServiceUrl { get; }

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    // How long each call is held after it is recorded and before it is answered: a slow connector, so that a test can
    // act (kill the bot) while sends are in flight.
    public TimeSpan Delay { get; set; }

    // Answers the next calls with these statuses before going back to 200 (Retry-After given for 429).
    public ConcurrentQueue<int> Failures { get; } = new();

    public async Task<ConnectorCall> NextAsync(TimeSpan? timeout = null)
    {
        if (!await _arrived.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"The bot sent nothing to the connector; {_calls.Count} calls so far.");
        }
        return _calls.ElementAt(_taken++);
    }

    private int _taken;

    public async Task ExpectNothingMoreAsync(TimeSpan wait)
    {
        if (await _arrived.WaitAsync(wait))
        {
            throw new InvalidOperationException($"Unexpected connector call: {_calls.ElementAt(_taken).Body}");
        }
    }

    private async Task<IResult> RecordAsync(HttpContext http, string conversationId, string? activityId)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        if (Failures.TryDequeue(out var status))
        {
            if (status == 429)
            {
                http.Response.Headers.RetryAfter = "1";
            }
            if (status == 403)
            {
                // What Teams answers when the person blocked the bot.
                return Results.Json(new { error = new { code = "ConversationBlockedByUser", message = "User blocked the conversation with the bot." } }, statusCode: 403);
            }
            return Results.StatusCode(status);
        }
        var id = activityId is not null && http.Request.Method == "PUT" ? activityId : $"act-{Interlocked.Increment(ref _nextId)}";
        _calls.Enqueue(new ConnectorCall(http.Request.Method, conversationId, activityId, body!, http.Request.Headers.Authorization.ToString(), id));
        _arrived.Release();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, http.RequestAborted);
        }
        return Results.Json(new { id });
    }

    // Creating a conversation (a 1:1 chat with one member) answers its id, "a:personal-{member id}" here, as Teams answers
    // the same id for the same person each time. Recorded with Method "CREATE".
    private async Task<IResult> CreateAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var member = body?["members"]?[0]?["id"]?.GetValue<string>();
        if (member is null || body?["bot"]?["id"] is null)
        {
            return Results.BadRequest(new { error = new { code = "BadArgument", message = "members and bot are required" } });
        }
        var id = "a:personal-" + member;
        _calls.Enqueue(new ConnectorCall("CREATE", "", null, body!, http.Request.Headers.Authorization.ToString(), id));
        _arrived.Release();
        return Results.Json(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}

public sealed record ConnectorCall(string Method, string ConversationId, string? ActivityId, JsonNode Body, string Authorization, string AssignedId)
{
    public JsonArray Attachments => Body["attachments"]?.AsArray() ?? [];

    public JsonNode Card(int i = 0) => Attachments[i]!["content"]!;

    public string? Text => Body["text"]?.GetValue<string>();
}
