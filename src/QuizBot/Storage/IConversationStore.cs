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

    // Managers see a conversation's dashboard (boards, charts, history of the team) but change nothing. True when changed.
    Task<bool> SetManagerAsync(string conversationKey, string userKey, bool manager, CancellationToken ct);

    Task<bool> IsManagerAsync(string conversationKey, string userKey, CancellationToken ct);

    // The conversation's managers' user keys, in key order.
    Task<IReadOnlyList<string>> GetManagersAsync(string conversationKey, CancellationToken ct);

    // Every conversation where the person was made admin or manager in chat (one row per role), read by person without
    // scanning conversations: the dashboard's home lists them.
    Task<IReadOnlyList<RoleGrant>> GetGrantsAsync(string userKey, CancellationToken ct);
}

internal enum GrantedRole
{
    Manager,
    Admin,
}

internal sealed record RoleGrant(string ConversationKey, GrantedRole Role);

internal sealed record ConversationRecord(string Key, string Address, bool Blocked, string? BlockedReason);
