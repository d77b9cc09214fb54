using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Tests.Support;

// The methods QuizBot calls, answered with the fields and errors Slack documents for them.
public sealed partial class SlackStandIn
{
    private readonly Dictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Ts), JsonObject> _messages = [];
    private readonly Dictionary<string, JsonObject> _homeViews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTriggers = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _openedViews = [];
    private long _nextTs;

    public void AddUser(string id, string realName, string displayName = "", bool isAdmin = false, bool isOwner = false)
    {
        lock (_lock)
        {
            _users[id] = new JsonObject
            {
                ["id"] = id,
                ["team_id"] = TeamId,
                ["name"] = realName.ToLowerInvariant().Replace(' ', '.'),
                ["deleted"] = false,
                ["real_name"] = realName,
                ["is_admin"] = isAdmin || isOwner,
                ["is_owner"] = isOwner,
                ["is_primary_owner"] = false,
                ["is_bot"] = false,
                ["profile"] = new JsonObject { ["real_name"] = realName, ["display_name"] = displayName },
            };
        }
    }

    // A message as it now stands after posts and updates, or null.
    public JsonObject? Message(string channel, string ts)
    {
        lock (_lock) { return _messages.TryGetValue((channel, ts), out var m) ? (JsonObject)m.DeepClone() : null; }
    }

    // The modals views.open showed, oldest first, each with the id Slack gave it.
    public IReadOnlyList<JsonObject> OpenedViews
    {
        get { lock (_lock) { return [.. _openedViews.Select(v => (JsonObject)v.DeepClone())]; } }
    }

    public JsonObject? HomeView(string user)
    {
        lock (_lock) { return _homeViews.TryGetValue(user, out var v) ? (JsonObject)v.DeepClone() : null; }
    }

    // A null answer is a non-JSON error page.
    private (int Status, JsonObject? Answer, int? RetryAfter) Answer(string method, JsonObject body, string? token)
    {
        lock (_lock)
        {
            if (_statusNext.TryGetValue(method, out var statuses) && statuses.TryDequeue(out var status))
            {
                return (status, null, null);
            }
            if (_rateLimitNext.Remove(method, out var seconds))
            {
                return (StatusCodes.Status429TooManyRequests, Error("ratelimited"), seconds);
            }
            if (method == "apps.connections.open") return (200, AppsConnectionsOpen(token), null);
            if (TokenProblem(token) is { } problem)
            {
                return (200, Error(problem), null);
            }
            if (Field(body, "channel") is { } channel && _failedChannels.TryGetValue(channel, out var failure))
            {
                return (200, Error(failure), null);
            }
            return (200, method switch
            {
                "auth.test" => Ok(new JsonObject
                {
                    ["url"] = "https://standin.slack.com/", ["team"] = "Stand-in", ["user"] = "quizbot",
                    ["team_id"] = TeamId, ["user_id"] = BotUserId, ["bot_id"] = BotId,
                }),
                "chat.postMessage" => PostMessage(body),
                "chat.update" => Update(body),
                "chat.postEphemeral" => PostEphemeral(body),
                "users.info" => UsersInfo(body),
                "views.publish" => ViewsPublish(body),
                "views.open" => ViewsOpen(body),
                "conversations.open" => ConversationsOpen(body),
                "files.info" => FilesInfo(body),
                _ => Error("unknown_method"),
            }, null);
        }
    }

    private JsonObject PostMessage(JsonObject body)
    {
        if (Field(body, "channel") is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (Field(body, "text") is null && body["blocks"] is null)
        {
            return Error("no_text");
        }
        var ts = NextTs();
        var message = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "bot_message", ["user"] = BotUserId, ["bot_id"] = BotId, ["ts"] = ts,
            ["text"] = Field(body, "text") ?? "", ["blocks"] = body["blocks"]?.DeepClone(),
        };
        _messages[(channel, ts)] = message;
        return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = message.DeepClone() });
    }

    // Only the bot's own, non-ephemeral messages can be updated, as in Slack.
    private JsonObject Update(JsonObject body)
    {
        if (Field(body, "channel") is not { } channel || Field(body, "ts") is not { } ts)
        {
            return Error("message_not_found");
        }
        if (!_messages.TryGetValue((channel, ts), out var message))
        {
            return Error("message_not_found");
        }
        if (Field(body, "text") is { } text)
        {
            message["text"] = text;
        }
        if (body["blocks"] is { } blocks)
        {
            message["blocks"] = blocks.DeepClone();
        }
        return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message["text"]?.DeepClone(), ["message"] = message.DeepClone() });
    }

    private JsonObject PostEphemeral(JsonObject body) =>
        Field(body, "channel") is null ? Error("channel_not_found")
        : Field(body, "user") is null ? Error("user_not_in_channel")
        : Field(body, "text") is null && body["blocks"] is null ? Error("no_text")
        : Ok(new JsonObject { ["message_ts"] = NextTs() });

    private JsonObject UsersInfo(JsonObject body) =>
        Field(body, "user") is { } id && _users.TryGetValue(id, out var user) ? Ok(new JsonObject { ["user"] = user.DeepClone() }) : Error("user_not_found");

    private JsonObject ViewsPublish(JsonObject body)
    {
        // A form body carries the view as a JSON string, as Slack's form clients send it.
        var view = body["view"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(text.GetValue<string>()) : body["view"];
        if (Field(body, "user_id") is not { } user || view is not JsonObject v || v["type"]?.GetValue<string>() is not ("home" or "modal"))
        {
            return Error("invalid_arguments");
        }
        _homeViews[user] = (JsonObject)v.DeepClone();
        return Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = $"V{_homeViews.Count:D8}", ["type"] = v["type"]!.DeepClone(), ["team_id"] = TeamId } });
    }

    // A trigger_id opens one view (Slack's also expire after 3 seconds, which a test never waits for).
    private JsonObject ViewsOpen(JsonObject body)
    {
        var view = body["view"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(text.GetValue<string>()) : body["view"];
        if (Field(body, "trigger_id") is not { Length: > 0 } trigger)
        {
            return Error("invalid_arguments");
        }
        if (!_usedTriggers.Add(trigger))
        {
            return Error("expired_trigger_id");
        }
        if (view is not JsonObject v || v["type"]?.GetValue<string>() != "modal" || v["title"] is null)
        {
            return Error("invalid_arguments");
        }
        var opened = (JsonObject)v.DeepClone();
        opened["id"] = $"VMODAL{_openedViews.Count + 1:D4}";
        opened["team_id"] = TeamId;
        _openedViews.Add(opened);
        return Ok(new JsonObject { ["view"] = opened.DeepClone() });
    }

    private JsonObject ConversationsOpen(JsonObject body)
    {
        if (Field(body, "users") is not { Length: > 0 } user || user.Contains(',', StringComparison.Ordinal))
        {
            return Error("users_list_not_supplied");
        }
        if (!_dms.TryGetValue(user, out var dm))
        {
            _dms[user] = dm = $"D{_dms.Count + 1:D8}";
        }
        return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = dm } });
    }

    // Unique and increasing, in Slack's "seconds.micro" form: 1700000000.000100, 1700000000.000200, ...
    private string NextTs()
    {
        var n = ++_nextTs;
        return string.Create(CultureInfo.InvariantCulture, $"{1700000000 + n / 10000}.{n % 10000 * 100:D6}");
    }

    private static string? Field(JsonObject body, string name) =>
        body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonObject Ok(JsonObject fields)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            answer[key] = value;
        }
        return answer;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };
}
