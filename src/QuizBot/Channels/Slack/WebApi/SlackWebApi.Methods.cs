using System.Text.Json.Nodes;

namespace QuizBot.Channels.Slack;

// The calls QuizBot makes, with Slack's argument names. Text is always sent: it is the notification and the screen
// reader's version of a message with blocks. Blocks and views are copied in, so a caller may reuse its nodes.
internal sealed partial class SlackWebApi
{
    // The message's ts: with the channel, the only handle for updating it later.
    public async Task<string> PostMessageAsync(string team, string channel, string text, JsonArray? blocks, CancellationToken ct)
    {
        var result = await CallAsync(team, "chat.postMessage", Message(new JsonObject { ["channel"] = channel }, text, blocks), channel, ct);
        return SlackAnswer.String(result, "ts") ?? throw new SlackApiException("chat.postMessage", "invalid_response");
    }

    public Task UpdateAsync(string team, string channel, string ts, string text, JsonArray? blocks, CancellationToken ct) =>
        CallAsync(team, "chat.update", Message(new JsonObject { ["channel"] = channel, ["ts"] = ts }, text, blocks), channel, ct);

    // Seen by that one person only, and not kept across reloads. Returns the ephemeral message's ts when Slack gives it.
    public async Task<string?> PostEphemeralAsync(string team, string channel, string user, string text, JsonArray? blocks, CancellationToken ct)
    {
        var result = await CallAsync(team, "chat.postEphemeral", Message(new JsonObject { ["channel"] = channel, ["user"] = user }, text, blocks), channel, ct);
        return SlackAnswer.String(result, "message_ts");
    }

    // The App Home tab of one person; view is {"type":"home","blocks":[...]}.
    public Task ViewsPublishAsync(string team, string user, JsonObject view, CancellationToken ct) =>
        CallAsync(team, "views.publish", new JsonObject { ["user_id"] = user, ["view"] = view.DeepClone() }, null, ct);

    // A modal in answer to a click: trigger_id is the click's, good once and for 3 seconds.
    public Task ViewsOpenAsync(string team, string triggerId, JsonObject view, CancellationToken ct) =>
        CallAsync(team, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, null, ct);

    // The id of the bot's direct-message conversation with that person (D...), opening it if need be.
    public async Task<string> ConversationsOpenAsync(string team, string user, CancellationToken ct)
    {
        var result = await CallAsync(team, "conversations.open", new JsonObject { ["users"] = user }, null, ct);
        return (result["channel"] is JsonObject channel ? SlackAnswer.String(channel, "id") : null)
            ?? throw new SlackApiException("conversations.open", "invalid_response");
    }

    // The name boards show (display name, else full name, else handle) and the workspace roles, cached for a while.
    public async Task<SlackUserInfo> UsersInfoAsync(string team, string user, CancellationToken ct)
    {
        if (_users.TryGet($"{team}:{user}", out var cached))
        {
            return cached;
        }
        var result = await CallAsync(team, "users.info", new JsonObject { ["user"] = user }, null, ct);
        if (result["user"] is not JsonObject u)
        {
            throw new SlackApiException("users.info", "invalid_response");
        }
        var profile = u["profile"] as JsonObject;
        var name = new[] { SlackAnswer.String(profile, "display_name"), SlackAnswer.String(profile, "real_name"), SlackAnswer.String(u, "real_name"), SlackAnswer.String(u, "name") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? user;
        var info = new SlackUserInfo(user, name, SlackAnswer.IsTrue(u, "is_admin"), SlackAnswer.IsTrue(u, "is_owner") || SlackAnswer.IsTrue(u, "is_primary_owner"));
        _users.Add($"{team}:{user}", info);
        return info;
    }

    private static JsonObject Message(JsonObject body, string text, JsonArray? blocks)
    {
        body["text"] = text;
        if (blocks is not null)
        {
            body["blocks"] = blocks.DeepClone();
        }
        return body;
    }
}
