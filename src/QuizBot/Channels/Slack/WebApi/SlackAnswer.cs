using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Channels.Slack;

// Reading fields of Slack's JSON answers, which may be missing or of another type than documented: a field that is not
// what is asked for reads as absent, never as an exception.
internal static class SlackAnswer
{
    public static string? String(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsTrue(JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool IsFalse(JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.False;
}
