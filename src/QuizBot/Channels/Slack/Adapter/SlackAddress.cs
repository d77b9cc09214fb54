using System.Text.Json;
using QuizBot.Chat;

namespace QuizBot.Channels.Slack;

// Where a Slack conversation lives: its workspace and channel (C…, G… or a D… direct message with the app).
internal sealed record SlackAddress(string Team, string Channel)
{
    public const string ChannelName = "slack";

    public string ConversationKey => ChatKeys.Conversation(ChannelName, $"{Team}:{Channel}");

    public bool IsDirectMessage => Channel.StartsWith('D');

    public static string UserKey(string team, string user) => ChatKeys.User(ChannelName, $"{team}:{user}");

    public string Serialize() => JsonSerializer.Serialize(this, SlackAddressJson.Default.SlackAddress);

    public static SlackAddress? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, SlackAddressJson.Default.SlackAddress) is { Team.Length: > 0, Channel.Length: > 0 } a ? a : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(SlackAddress))]
internal sealed partial class SlackAddressJson : System.Text.Json.Serialization.JsonSerializerContext;
