using System.Text.Json;

namespace QuizBot.Channels.Teams.Outbound;

// Failures that will not heal by retrying, because the conversation is gone for this bot.
internal static class ConnectorFailure
{
    private static readonly string[] BlockedCodes = ["ConversationBlockedByUser", "BotNotInConversationRoster", "BotDisabledByAdmin"];
    // Teams also answers this in passing (a conversation that is being created or moved): a caller blocks the
    // conversation only when it persists.
    public const string NotFoundCode = "ConversationNotFound";

    // True when the caller should mark the conversation blocked and stop posting there; reason is the error code.
    // A 404 counts only with code ConversationNotFound: a 404 for a deleted activity leaves the conversation usable.
    public static bool IsBlocked(ConnectorException e, out string reason)
    {
        var code = ErrorCode(e.Body);
        reason = e.Status switch
        {
            403 => BlockedCodes.FirstOrDefault(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase)),
            404 when string.Equals(code, NotFoundCode, StringComparison.OrdinalIgnoreCase) => NotFoundCode,
            _ => null,
        } ?? "";
        return reason.Length > 0;
    }

    // {"error":{"code":"...","message":"..."}}. ConnectorClient cuts long bodies, so a body that no longer parses
    // is searched for a known code as text.
    internal static string? ErrorCode(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return BlockedCodes.Append(NotFoundCode).FirstOrDefault(c => body.Contains($"\"{c}\"", StringComparison.OrdinalIgnoreCase));
        }
    }
}
