using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// block_actions payloads in the shape of Slack's reference example (docs.slack.dev/reference/interaction-payloads/
// block_actions-payload): a button click in a channel message, or in the App Home tab.
public static class SlackInteractions
{
    public static JsonObject ButtonClick(
        string user, string channel, string messageTs, string actionId, string value, Uri responseUrl,
        string blockId = "answers", JsonArray? messageBlocks = null, bool ephemeral = false, string teamId = SlackEvents.TeamId) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = teamId },
        ["api_app_id"] = SlackEvents.AppId,
        ["token"] = "9s8d9as89d8as9d8as989",
        ["container"] = new JsonObject
        {
            ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral,
        },
        ["trigger_id"] = "12466734323.1395872398.f2d3a8e1f6c5b4a3",
        ["team"] = new JsonObject { ["id"] = teamId, ["domain"] = "standin" },
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "quiz" },
        ["message"] = ephemeral ? null : new JsonObject
        {
            ["type"] = "message", ["subtype"] = "bot_message", ["text"] = "Question", ["ts"] = messageTs, ["bot_id"] = "B0QUIZBOT",
            ["blocks"] = messageBlocks?.DeepClone() ?? new JsonArray(),
        },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = responseUrl.ToString(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value, ["emoji"] = true },
            ["value"] = value,
            ["type"] = "button",
            ["action_ts"] = "1700000010.123456",
        }),
    };

    // A click in the App Home tab: no channel and no message, a "view" container and the view itself.
    public static JsonObject HomeButtonClick(string user, string viewId, string actionId, string value, string teamId = SlackEvents.TeamId) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = teamId },
        ["api_app_id"] = SlackEvents.AppId,
        ["token"] = "9s8d9as89d8as9d8as989",
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId },
        ["trigger_id"] = "12466734323.1395872398.f2d3a8e1f6c5b4a3",
        ["team"] = new JsonObject { ["id"] = teamId, ["domain"] = "standin" },
        ["view"] = new JsonObject
        {
            ["id"] = viewId, ["team_id"] = teamId, ["type"] = "home", ["blocks"] = new JsonArray(), ["private_metadata"] = "",
            ["callback_id"] = "", ["hash"] = "1700000020.AbCdEf12", ["app_id"] = SlackEvents.AppId,
        },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId, ["block_id"] = "home", ["value"] = value, ["type"] = "button", ["action_ts"] = "1700000020.123456",
        }),
    };
}
