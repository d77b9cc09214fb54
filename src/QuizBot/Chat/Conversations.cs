using QuizBot.Storage;

namespace QuizBot.Chat;

// Where each conversation lives, kept so rounds can post into it later, and whether it still takes posts. The address
// is the owning channel's own text: Chat/ stores and returns it without reading it.
internal sealed class Conversations(IConversationStore store)
{
    // Adding the bot again (or any admin command there) clears an earlier "gone" mark.
    public Task RememberAsync(string conversationKey, string address, CancellationToken ct) =>
        store.SaveConversationAsync(conversationKey, address, ct);

    public Task ForgetAsync(string conversationKey, string reason, CancellationToken ct) =>
        store.SetConversationBlockedAsync(conversationKey, reason, ct);

    public async Task<string?> AddressAsync(string conversationKey, CancellationToken ct) =>
        await store.GetConversationAsync(conversationKey, ct) is { Blocked: false } record ? record.Address : null;
}
