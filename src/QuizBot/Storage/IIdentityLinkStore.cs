namespace QuizBot.Storage;

// Who an Entra ID object id (oid) is in chat. Entra ID and the Teams tab know a person only by oid and tenant; Teams
// sends the same oid with every message (aadObjectId), so each `dashboard` typed in Teams links the two, and a later
// sign-in finds the chat key, the name and the conversations the person asked from.
internal interface IIdentityLinkStore
{
    // Links the oid to the person (the latest chat key and name win) and puts the conversation first among those
    // remembered, keeping only the IdentityLink.MaxConversations most recent.
    Task RememberIdentityAsync(string objectId, string userKey, string name, string conversationKey, DateTimeOffset at, CancellationToken ct);

    Task<IdentityLink?> GetIdentityLinkAsync(string objectId, CancellationToken ct);
}

// Conversations: most recently asked from first.
internal sealed record IdentityLink(string ObjectId, string UserKey, string Name, IReadOnlyList<string> Conversations, DateTimeOffset SeenAt)
{
    // Enough for anyone's teams; a bound keeps one person's row (and a Table Storage partition) small.
    public const int MaxConversations = 50;
}
