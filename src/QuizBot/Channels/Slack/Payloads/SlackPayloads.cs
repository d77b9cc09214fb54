using System.Text.Json;

namespace QuizBot.Channels.Slack;

// Turns verified request bodies into wire records. Forged or broken input gives null (or null fields), never an
// exception: the caller answers 400 or ignores it, and nothing half-parsed reaches the quiz.
internal static class SlackPayloads
{
    public static EventEnvelope? ParseEvent(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SlackJson.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The "payload" form field of an interaction request. Any interaction type parses; callers check Type.
    public static BlockActionsPayload? ParseInteraction(ReadOnlySpan<byte> formBody) =>
        FormBody.Utf8Field(formBody, "payload"u8) is { Length: > 0 } payload ? ParseInteractionJson(payload) : null;

    // The interaction itself as JSON: the form field's content, or a Socket Mode "interactive" envelope's payload.
    public static BlockActionsPayload? ParseInteractionJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(json, SlackJson.Default.BlockActionsPayload);
            // Element nullability is not enforced by the serializer: "actions":[null] must not hand out a null action.
            return parsed?.Actions is { } actions && actions.Any(a => a is null)
                ? parsed with { Actions = [.. actions.Where(a => a is not null)] }
                : parsed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static SlashCommand? ParseCommand(ReadOnlySpan<byte> formBody) =>
        FormBody.Parse(formBody) is { } form ? Command(form.Field) : null;

    // A Socket Mode "slash_commands" envelope's payload: the form's fields as one JSON object of strings. A field that
    // is not a string reads as missing, as a form field sent twice does.
    public static SlashCommand? ParseCommandJson(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var root = document.RootElement;
            return Command(name => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // half a surrogate pair reads as no text
        {
            return null;
        }
    }

    private static SlashCommand Command(Func<string, string?> field) => new(
        TeamId: field("team_id"),
        TeamDomain: field("team_domain"),
        EnterpriseId: field("enterprise_id"),
        ChannelId: field("channel_id"),
        ChannelName: field("channel_name"),
        UserId: field("user_id"),
        UserName: field("user_name"),
        Command: field("command"),
        Text: field("text"),
        ResponseUrl: field("response_url"),
        TriggerId: field("trigger_id"),
        ApiAppId: field("api_app_id"));
}
