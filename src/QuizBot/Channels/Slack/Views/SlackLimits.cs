using System.Text.Json.Nodes;

namespace QuizBot.Channels.Slack;

// Block Kit's limits, applied to a bound message. Slack rejects the whole message when one text is too long, so texts
// are cut here (bank content can be any length); what cannot be cut without breaking a click (a button's value, the
// block count the views already keep to) fails loudly instead.
internal static class SlackLimits
{
    public const int MaxBlocks = 50;
    public const int SectionText = 3000;
    public const int FieldText = 2000;
    public const int ContextText = 3000;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Id = 255;
    public const int FallbackText = 3000;

    public static SlackMessage Apply(string text, JsonArray blocks)
    {
        if (blocks.Count > MaxBlocks)
        {
            throw new InvalidOperationException($"A Slack message holds at most {MaxBlocks} blocks; this one has {blocks.Count}.");
        }
        foreach (var block in blocks.OfType<JsonObject>())
        {
            Cut(block, "block_id", Id);
            switch (block["type"]?.GetValue<string>())
            {
                case "section":
                    CutText(block["text"], SectionText);
                    foreach (var field in block["fields"]?.AsArray() ?? [])
                    {
                        CutText(field, FieldText);
                    }
                    if (block["accessory"] is JsonObject accessory)
                    {
                        Element(accessory);
                    }
                    break;
                case "context":
                    foreach (var element in block["elements"]?.AsArray() ?? [])
                    {
                        CutText(element, ContextText);
                    }
                    break;
                case "actions":
                    foreach (var element in (block["elements"]?.AsArray() ?? []).OfType<JsonObject>())
                    {
                        Element(element);
                    }
                    break;
            }
        }
        var fallback = SlackMrkdwn.Truncate(text.Trim(), FallbackText);
        return new SlackMessage(fallback.Length > 0 ? fallback : "QuizBot", blocks);
    }

    private static void Element(JsonObject element)
    {
        CutText(element["text"], ButtonText);
        Cut(element, "action_id", Id);
        if (element["value"]?.GetValue<string>() is { Length: > ButtonValue } value)
        {
            throw new InvalidOperationException($"A button value of {value.Length} characters is over Slack's {ButtonValue}: {value[..80]}…");
        }
    }

    private static void CutText(JsonNode? textObject, int max) => Cut(textObject as JsonObject, "text", max);

    private static void Cut(JsonObject? owner, string property, int max)
    {
        if (owner?[property] is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > max)
        {
            owner[property] = SlackMrkdwn.Truncate(s, max);
        }
    }
}
