using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// block_actions payloads in the shape of Slack's reference example (docs.slack.dev/reference/interaction-payloads/
// block_actions-payload): a button click in a channel message, or in the App Home tab.
public static class SlackInteractions
{
    public static JsonObject ButtonClick(
        string user, string channel, string messageTs, string actionId, string value, Uri responseUrl,
        string blockId = "answers", JsonArray? messageBlocks = null, bool ephemeral = false, string teamId = SlackEvents.TeamId,
        string triggerId = "12466734323.1395872398.f2d3a8e1f6c5b4a3") => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = teamId },
        ["api_app_id"] = SlackEvents.AppId,
        ["token"] = "9s8d9as89d8as9d8as989",
        ["container"] = new JsonObject
        {
            ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral,
        },
        ["trigger_id"] = triggerId,
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

    // A choice in a static_select (the element Slack sends as selected_option, with no value of its own).
    public static JsonObject SelectClick(string user, string channel, string messageTs, string actionId, string optionValue, Uri responseUrl)
    {
        var click = ButtonClick(user, channel, messageTs, actionId, optionValue, responseUrl, blockId: "dispute");
        click["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = "dispute",
            ["type"] = "static_select",
            ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Decide", ["emoji"] = true }, ["value"] = optionValue },
            ["placeholder"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Decide…", ["emoji"] = true },
            ["action_ts"] = "1700000010.223456",
        });
        return click;
    }

    // The view_submission Slack posts when someone sends a modal, in the shape of its reference example
    // (docs.slack.dev/reference/interaction-payloads/view-interactions-payload): the view as opened, with state.values
    // holding each input block's element by block_id and action_id. values: (block, action, element state).
    public static JsonObject ViewSubmission(string user, JsonObject openedView, params (string Block, string Action, JsonObject Element)[] values)
    {
        var state = new JsonObject();
        foreach (var (block, action, element) in values)
        {
            state[block] = new JsonObject { [action] = element };
        }
        var view = (JsonObject)openedView.DeepClone();
        view["state"] = new JsonObject { ["values"] = state };
        view["hash"] = "1700000030.XyZ12345";
        view["app_id"] = SlackEvents.AppId;
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackEvents.TeamId, ["domain"] = "standin" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = SlackEvents.TeamId },
            ["api_app_id"] = SlackEvents.AppId,
            ["token"] = "9s8d9as89d8as9d8as989",
            ["trigger_id"] = "12466734323.1395872398.ab12cd34",
            ["view"] = view,
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
    }

    public static JsonObject Selected(string value) =>
        new() { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value } };

    public static JsonObject Typed(string? text) => new() { ["type"] = "plain_text_input", ["value"] = text };
}
