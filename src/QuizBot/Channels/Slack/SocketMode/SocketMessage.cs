using System.Runtime.InteropServices;
using System.Text.Json;

namespace QuizBot.Channels.Slack;

// One message on a Socket Mode connection: "hello", "disconnect" (with Reason), or an envelope (events_api,
// interactive, slash_commands) with an EnvelopeId to acknowledge and a Payload that is what the request URL would have
// received. Payload holds the payload object's raw JSON, for the same parsers the HTTP endpoints use.
internal sealed record SocketMessage(string? Type, string? EnvelopeId, string? Reason, int RetryAttempt, byte[]? Payload)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string EventsApi = "events_api";
    public const string Interactive = "interactive";
    public const string SlashCommands = "slash_commands";

    // Null when the text is not a JSON object. Fields of the wrong kind read as missing, so nothing here throws on
    // whatever arrives.
    public static SocketMessage? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var retry = root.TryGetProperty("retry_attempt", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : 0;
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object
                ? JsonMarshal.GetRawUtf8Value(p).ToArray()
                : null;
            return new SocketMessage(Text(root, "type"), Text(root, "envelope_id"), Text(root, "reason"), retry, payload);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string escaping half a surrogate pair (valid JSON, not valid text).
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
