using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Conversations table, partition "c|{conversation}": the address ("conversation"), admins ("admin|{user}"), managers
// ("manager|{user}"), the round
// ("round"), its posts ("post|{post id}") and a copy of each closed post ordered newest first ("closed|{inverted close}|{post id}").
internal sealed partial class TableQuizStore
{
    private const string ConversationRow = "conversation";

    private static string ConversationPk(string conversationKey) => "c|" + TableKeys.Segment(conversationKey);

    private static string AdminRow(string userKey) => "admin|" + TableKeys.Segment(userKey);

    public async Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct) =>
        await _conversations.UpsertEntityAsync(new TableEntity(ConversationPk(conversationKey), ConversationRow)
        {
            ["Key"] = conversationKey,
            ["Address"] = address,
            ["Blocked"] = false,
        }, TableUpdateMode.Replace, ct);

    public async Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct) =>
        await GetAsync(_conversations, ConversationPk(conversationKey), ConversationRow, ct) is { } e
            ? new ConversationRecord(e.GetString("Key"), e.GetString("Address"), e.GetBoolean("Blocked") == true, e.GetString("BlockedReason"))
            : null;

    public async Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetAsync(_conversations, ConversationPk(conversationKey), ConversationRow, ct) is not { } e)
            {
                return; // like SQLite's UPDATE: nothing to mark
            }
            e["Blocked"] = reason is not null;
            e.Remove("BlockedReason");
            if (reason is not null)
            {
                e["BlockedReason"] = reason;
            }
            try
            {
                await _conversations.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException ex) when (Is(ex, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct) =>
        SetRoleAsync(conversationKey, userKey, GrantedRole.Admin, admin, ct);

    public async Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct) =>
        await GetAsync(_conversations, ConversationPk(conversationKey), AdminRow(userKey), ct) is not null;
}
