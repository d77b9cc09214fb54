using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace QuizBot.Channels.Teams;

// The slice of the Bot Framework activity schema QuizBot reads and writes. Unknown fields are ignored on the way in.
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Name { get; init; }
    public JsonElement? Value { get; init; }
    public string? ReplyToId { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? Locale { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
}

// Teams marks each @mention in the text with an entity naming the person.
internal sealed record Entity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
}

// Accounts and the conversation have settable properties rather than constructor parameters, as Activity does: every
// request parses two or three of them, and System.Text.Json reads a type with a parameterised constructor through a
// slower path that first gathers each argument aside.
internal sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
}

// A card the bot sends (Content), or a file a person sent in a personal chat (Name, and Content with its downloadUrl).
internal sealed record Attachment(string ContentType, JsonNode? Content, string? Name = null, string? ContentUrl = null);

// The answer Teams expects to an adaptiveCard/action invoke: a card that replaces the clicked one, or an error.
internal sealed record InvokeResponse(int StatusCode, string Type, JsonNode Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string ErrorType = "application/vnd.microsoft.error";
    public const string MessageType = "application/vnd.microsoft.activity.message";

    public static InvokeResponse Card(JsonNode card) => new(200, CardType, card);

    // A short text Teams shows to the clicking person instead of changing the card.
    public static InvokeResponse Message(string text) => new(200, MessageType, JsonValue.Create(text));

    public static InvokeResponse Error(int status, string code, string message) =>
        new(status, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });
}

internal sealed record ResourceResponse(string? Id);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationAddress))]
internal sealed partial class BotJson : JsonSerializerContext;
