namespace QuizBot.Chat;

// What a channel does for Chat/ outside a request: post and update messages in a conversation it owns, at an
// address it wrote itself when the conversation was remembered (Conversations.RememberAsync).
internal interface IChatOutbound
{
    // Whether this channel owns conversation keys of that channel prefix (ChatKeys.ChannelOf).
    bool Owns(string channel);

    // How many people one shared card can show their own result to (Teams' refresh.userIds); 0 when it cannot.
    int PersonalViewLimit { get; }

    // Returns the new message's id, for later updates. Throws DeliveryFailedException when the channel refused it.
    Task<string?> PostAsync(string address, ChatView view, CancellationToken ct);

    Task UpdateAsync(string address, string messageId, ChatView view, CancellationToken ct);

    // Tells one person of that conversation something only they see (Teams: their 1:1 chat with the bot; Slack: an
    // ephemeral message in the conversation). Throws DeliveryFailedException when the channel refused it.
    Task TellAsync(string address, string userKey, ChatView view, CancellationToken ct);
}

// A send the channel did not take. Gone: the conversation will not take any more (blocked, removed, archived, revoked).
// GoneIfPersistent: the channel says the conversation is gone, but also says so in passing (Teams' ConversationNotFound),
// so it is believed only when it keeps saying so (ConversationSends).
internal sealed class DeliveryFailedException(string reason, bool gone, Exception? inner = null) : Exception(reason, inner)
{
    public bool Gone { get; } = gone;

    public bool GoneIfPersistent { get; init; }
}

// The channels this service runs, found by a conversation key's prefix.
internal sealed class ChatOutbounds(IEnumerable<IChatOutbound> channels)
{
    private readonly IChatOutbound[] _channels = [.. channels];

    public int MaxPersonalViews => _channels.Length == 0 ? 0 : _channels.Max(c => c.PersonalViewLimit);

    public IChatOutbound? For(string conversationKey)
    {
        var channel = ChatKeys.ChannelOf(conversationKey);
        return Array.Find(_channels, c => c.Owns(channel));
    }
}
