using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Chat;

namespace QuizBot.Channels.Slack;

// "Report a problem" as a Slack modal (views.open): a reason (static_select) and a short text (plain_text_input). The
// report's card data and the channel travel in private_metadata, which only the app sets; the submission comes back
// as view_submission with the inputs in view.state.
internal static class SlackReportModal
{
    public const string CallbackId = "quizbot-report";
    public const string ReasonBlock = "reason";
    public const string TextBlock = "text";

    public static JsonObject Build(CardAction.Report report, string channel) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = CallbackId,
        ["title"] = Plain(Wording.ReportTitle),
        ["submit"] = Plain(Wording.ReportSend),
        ["close"] = Plain("Cancel"),
        ["private_metadata"] = new JsonObject { ["c"] = channel, ["a"] = report.ToData() }.ToJsonString(),
        ["blocks"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = ReasonBlock,
                ["label"] = Plain(Wording.ReportReasonLabel),
                ["element"] = new JsonObject
                {
                    ["type"] = "static_select",
                    ["action_id"] = ReasonBlock,
                    ["placeholder"] = Plain("Pick one"),
                    ["options"] = new JsonArray([.. DisputeCommands.Reasons.Select(r => (JsonNode)new JsonObject { ["text"] = Plain(r.Title), ["value"] = r.Value })]),
                },
            },
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = TextBlock,
                ["optional"] = true,
                ["label"] = Plain(Wording.ReportTextLabel),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = TextBlock,
                    ["multiline"] = true,
                    ["max_length"] = Quizzes.Disputes.Disputes.MaxText,
                },
            }),
    };

    // The report with the submitted inputs and the channel it came from; null when the submission is not one of ours.
    public static (CardAction.Report Report, string Channel)? Read(SlackViewRef view)
    {
        if (view.CallbackId != CallbackId || view.PrivateMetadata is not { Length: > 0 } metadata)
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(metadata);
            if (!doc.RootElement.TryGetProperty("c", out var c) || c.ValueKind != JsonValueKind.String || c.GetString() is not { Length: > 0 } channel
                || !doc.RootElement.TryGetProperty("a", out var data)
                || CardAction.TryParse(data, out _) is not CardAction.Report report)
            {
                return null;
            }
            return (report with { Reason = Input(view.State, ReasonBlock, selected: true), Said = Input(view.State, TextBlock, selected: false) }, channel);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Input(JsonElement? state, string block, bool selected)
    {
        if (state is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object
            || !values.TryGetProperty(block, out var b) || b.ValueKind != JsonValueKind.Object || !b.TryGetProperty(block, out var input)
            || input.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var value = selected
            ? input.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var v) ? v : default
            : input.TryGetProperty("value", out var t) ? t : default;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };
}
