using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Roles granted in chat. The conversation's partition answers "is this person admin/manager here"; a second entity per
// grant in the person's own partition ("p|{user}", row "{role}|{conversation}") answers "where was this person granted
// a role" without scanning every conversation. The two partitions cannot change in one batch, so the person's index is
// written first on a grant and removed last on a revoke: after a crash it may name a conversation the person has no
// role in any more (the dashboard checks the role on every request anyway), never hide one they have, and the same
// command again finishes the job.
internal sealed partial class TableQuizStore
{
    private static string ManagerRow(string userKey) => "manager|" + TableKeys.Segment(userKey);

    private static string PersonPk(string userKey) => "p|" + TableKeys.Segment(userKey);

    private static string GrantPrefix(GrantedRole role) => role == GrantedRole.Admin ? "admin|" : "manager|";

    public Task<bool> SetManagerAsync(string conversationKey, string userKey, bool manager, CancellationToken ct) =>
        SetRoleAsync(conversationKey, userKey, GrantedRole.Manager, manager, ct);

    public async Task<bool> IsManagerAsync(string conversationKey, string userKey, CancellationToken ct) =>
        await GetAsync(_conversations, ConversationPk(conversationKey), ManagerRow(userKey), ct) is not null;

    public async Task<IReadOnlyList<string>> GetManagersAsync(string conversationKey, CancellationToken ct) =>
        [.. (await RangeAsync(_conversations, ConversationPk(conversationKey), "manager|", null, ct))
            .Select(e => e.GetString("UserKey")).Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<RoleGrant>> GetGrantsAsync(string userKey, CancellationToken ct)
    {
        var rows = await QueryAsync(_conversations, TableClient.CreateQueryFilter($"PartitionKey eq {PersonPk(userKey)}"), null, ct);
        return [.. rows
            .Select(e => new RoleGrant(e.GetString("ConversationKey"), e.RowKey.StartsWith("admin|", StringComparison.Ordinal) ? GrantedRole.Admin : GrantedRole.Manager))
            .OrderBy(g => g.ConversationKey, StringComparer.Ordinal).ThenByDescending(g => g.Role)];
    }

    private async Task<bool> SetRoleAsync(string conversationKey, string userKey, GrantedRole role, bool on, CancellationToken ct)
    {
        var pk = ConversationPk(conversationKey);
        var rk = GrantPrefix(role) + TableKeys.Segment(userKey);
        var index = new TableEntity(PersonPk(userKey), GrantPrefix(role) + TableKeys.Segment(conversationKey)) { ["ConversationKey"] = conversationKey };
        if (on)
        {
            await _conversations.UpsertEntityAsync(index, TableUpdateMode.Replace, ct);
            try
            {
                await _conversations.AddEntityAsync(new TableEntity(pk, rk) { ["UserKey"] = userKey }, ct);
                return true;
            }
            catch (RequestFailedException e) when (Is(e, 409))
            {
                return false;
            }
        }
        bool changed;
        try
        {
            // The SDK reports a delete of a missing entity as a 404 response rather than an exception.
            using var response = await _conversations.DeleteEntityAsync(pk, rk, ETag.All, ct);
            changed = response.Status != 404;
        }
        catch (RequestFailedException e) when (Is(e, 404))
        {
            changed = false;
        }
        await DeleteIfExistsAsync(_conversations, index.PartitionKey, index.RowKey, ETag.All, ct);
        return changed;
    }
}
