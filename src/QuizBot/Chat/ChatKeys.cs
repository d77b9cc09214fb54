namespace QuizBot.Chat;

// Every stored key for a conversation or a person is "<channel>:<id on that channel>". Built and read here only, so
// two channels can never hand out the same key and a channel can always get its own id back.
internal static class ChatKeys
{
    public static string Conversation(string channel, string conversationId) => $"{channel}:{conversationId}";

    public static string User(string channel, string userId) => $"{channel}:{userId}";

    // The channel that owns a key: the part before the first ':'.
    public static string ChannelOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : key[..colon];
    }

    // The id the channel itself uses (conversation ids and user ids may hold ':' of their own).
    public static string LocalId(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[(colon + 1)..];
    }
}
