namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    // One transaction: the link, the conversation moved to the front, and the oldest beyond the bound gone. A call that
    // arrives late (an older `at`) neither renames the person nor moves a conversation back.
    public async Task RememberIdentityAsync(string objectId, string userKey, string name, string conversationKey, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        var ms = at.ToUnixTimeMilliseconds();
        await ExecAsync(connection, tx, """
            INSERT INTO identity_links (object_id, user_key, name, seen_at) VALUES ($oid, $user, $name, $at)
            ON CONFLICT (object_id) DO UPDATE SET user_key = $user, name = $name, seen_at = $at WHERE seen_at <= $at
            """, ct, ("$oid", objectId), ("$user", userKey), ("$name", name), ("$at", ms));
        await ExecAsync(connection, tx, """
            INSERT INTO identity_link_conversations (object_id, conversation_key, seen_at) VALUES ($oid, $conversation, $at)
            ON CONFLICT (object_id, conversation_key) DO UPDATE SET seen_at = MAX(seen_at, $at)
            """, ct, ("$oid", objectId), ("$conversation", conversationKey), ("$at", ms));
        await ExecAsync(connection, tx, """
            DELETE FROM identity_link_conversations WHERE object_id = $oid AND conversation_key NOT IN (
                SELECT conversation_key FROM identity_link_conversations WHERE object_id = $oid
                ORDER BY seen_at DESC, conversation_key LIMIT $keep)
            """, ct, ("$oid", objectId), ("$keep", IdentityLink.MaxConversations));
        await tx.CommitAsync(ct);
    }

    public async Task<IdentityLink?> GetIdentityLinkAsync(string objectId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var link = (await QueryAsync(connection, null, "SELECT user_key, name, seen_at FROM identity_links WHERE object_id = $oid",
            r => new IdentityLink(objectId, r.GetString(0), r.GetString(1), [], DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
            ct, ("$oid", objectId))).FirstOrDefault();
        if (link is null)
        {
            return null;
        }
        var conversations = await QueryAsync(connection, null, """
            SELECT conversation_key FROM identity_link_conversations WHERE object_id = $oid ORDER BY seen_at DESC, conversation_key
            """, r => r.GetString(0), ct, ("$oid", objectId));
        return link with { Conversations = conversations };
    }
}
