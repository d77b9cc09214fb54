namespace QuizBot.Storage;

// Conversations: where to post proactively, whether posting there still works, and who was made admin there.
internal interface IConversationStore
{
    Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct);

    Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct);

    Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct);

    // Per-conversation admins granted in chat (configuration names the global ones).
    Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct);

    Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct);
}

internal sealed record ConversationRecord(string Key, string Address, bool Blocked, string? BlockedReason);
