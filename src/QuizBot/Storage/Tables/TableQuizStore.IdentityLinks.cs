using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// IdentityLinks table, partition "l|{oid}": the person ("who") and one row per conversation they asked from
// ("c|{conversation}"). One partition per person, so a remember is a single transaction: the link, the conversation
// and the pruning of the oldest commit together or not at all.
internal sealed partial class TableQuizStore
{
    private const string WhoRow = "who";
    private const string LinkConversationPrefix = "c|";

    private static string LinkPk(string objectId) => "l|" + TableKeys.Segment(objectId);

    public async Task RememberIdentityAsync(string objectId, string userKey, string name, string conversationKey, DateTimeOffset at, CancellationToken ct)
    {
        var pk = LinkPk(objectId);
        for (var attempt = 0; ; attempt++)
        {
            var rows = await QueryAsync(_identityLinks, TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), null, ct);
            var who = rows.Find(r => r.RowKey == WhoRow);
            var conversations = rows.Where(r => r.RowKey.StartsWith(LinkConversationPrefix, StringComparison.Ordinal)).ToList();
            var rk = LinkConversationPrefix + TableKeys.Segment(conversationKey);
            var seen = conversations.Find(r => r.RowKey == rk) is { } known ? Math.Max(Ms(at), known.GetInt64("SeenAt") ?? 0) : Ms(at);

            var actions = new List<TableTransactionAction>();
            if (who is null || (who.GetInt64("SeenAt") ?? 0) <= Ms(at))
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace,
                    new TableEntity(pk, WhoRow) { ["ObjectId"] = objectId, ["UserKey"] = userKey, ["Name"] = name, ["SeenAt"] = Ms(at) }));
            }
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, rk) { ["Key"] = conversationKey, ["SeenAt"] = seen }));
            var kept = conversations.Where(r => r.RowKey != rk).Select(r => (r.RowKey, Seen: r.GetInt64("SeenAt") ?? 0)).Append((RowKey: rk, Seen: seen));
            // Deletes carry the ETag read: a racing writer that touched a row makes this batch fail and start over.
            actions.AddRange(kept.OrderByDescending(r => r.Seen).ThenBy(r => r.RowKey, StringComparer.Ordinal).Skip(IdentityLink.MaxConversations)
                .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, conversations.Single(c => c.RowKey == r.RowKey),
                    conversations.Single(c => c.RowKey == r.RowKey).ETag)));
            try
            {
                await SubmitAsync(_identityLinks, actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public async Task<IdentityLink?> GetIdentityLinkAsync(string objectId, CancellationToken ct)
    {
        var rows = await QueryAsync(_identityLinks, TableClient.CreateQueryFilter($"PartitionKey eq {LinkPk(objectId)}"), null, ct);
        if (rows.Find(r => r.RowKey == WhoRow) is not { } who)
        {
            return null;
        }
        var conversations = rows.Where(r => r.RowKey.StartsWith(LinkConversationPrefix, StringComparison.Ordinal))
            .OrderByDescending(r => r.GetInt64("SeenAt") ?? 0).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => r.GetString("Key")).ToList();
        return new IdentityLink(objectId, who.GetString("UserKey"), who.GetString("Name"), conversations, At(who, "SeenAt"));
    }
}
