using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Tests.Support;

// response_url: each one takes five posts, as Slack's do, and answers used_url after that.
public sealed partial class SlackStandIn
{
    public const int ResponseUrlUses = 5;

    private readonly Dictionary<string, int> _responseUses = new(StringComparer.Ordinal);

    // A fresh response_url, as Slack puts in an interaction or a slash command.
    public Uri ResponseUrl()
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_lock) { _responseUses[id] = 0; }
        return new Uri($"{BaseUrl}respond/{id}");
    }

    private async Task<IResult> HandleRespondAsync(HttpContext http, string id)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            body = new JsonObject { ["_invalid_json"] = text };
        }
        string? error;
        lock (_lock)
        {
            error = !_responseUses.TryGetValue(id, out var uses) ? "expired_url"
                : uses >= ResponseUrlUses ? "used_url"
                : body["text"] is null && body["blocks"] is null && body["delete_original"] is null ? "no_text"
                : null;
            if (error is null)
            {
                _responseUses[id] = uses + 1;
            }
        }
        var status = error switch { null => 200, "no_text" => 400, _ => 404 };
        Record(new SlackCall("response_url", body, _time.GetUtcNow(), http.Request.Headers.Authorization.ToString(), status, error) { ResponseId = id });
        var answer = error is null ? new JsonObject { ["ok"] = true } : new JsonObject { ["ok"] = false, ["error"] = error };
        return Results.Text(answer.ToJsonString(), "application/json; charset=utf-8", statusCode: status);
    }
}
