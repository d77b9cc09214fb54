using System.Text;
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
    public static BlockActionsPayload? ParseInteraction(ReadOnlySpan<byte> formBody)
    {
        if (FormBody.Parse(formBody)?.Field("payload") is not { Length: > 0 } payload)
        {
            return null;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(payload), SlackJson.Default.BlockActionsPayload);
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

    public static SlashCommand? ParseCommand(ReadOnlySpan<byte> formBody)
    {
        if (FormBody.Parse(formBody) is not { } form)
        {
            return null;
        }
        return new SlashCommand(
            TeamId: form.Field("team_id"),
            TeamDomain: form.Field("team_domain"),
            EnterpriseId: form.Field("enterprise_id"),
            ChannelId: form.Field("channel_id"),
            ChannelName: form.Field("channel_name"),
            UserId: form.Field("user_id"),
            UserName: form.Field("user_name"),
            Command: form.Field("command"),
            Text: form.Field("text"),
            ResponseUrl: form.Field("response_url"),
            TriggerId: form.Field("trigger_id"),
            ApiAppId: form.Field("api_app_id"));
    }
}
