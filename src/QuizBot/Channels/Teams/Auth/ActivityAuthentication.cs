using System.Text.Json;

namespace QuizBot.Channels.Teams.Auth;

internal static class ActivityAuthentication
{
    // The one call MessagesEndpoint needs: the activity supplies what the token must match.
    public static Task<BotAuthResult> AuthenticateAsync(this BotRequestAuthenticator authenticator, string? authorizationHeader,
        Activity activity, CancellationToken ct) =>
        authenticator.AuthenticateAsync(authorizationHeader, activity.ChannelId, activity.ServiceUrl, TenantOf(activity), ct);

    // Teams puts the tenant on the conversation and in channelData.tenant.id; older payloads only have the latter.
    public static string? TenantOf(Activity activity)
    {
        if (!string.IsNullOrEmpty(activity.Conversation?.TenantId))
        {
            return activity.Conversation.TenantId;
        }
        return activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? Text(id)
            : null;
    }

    // Read before the token is checked: an escaped lone surrogate ("\uD800") parses as JSON but is no text, and
    // GetString throws on it. Such a tenant is no tenant.
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
