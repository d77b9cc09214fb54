namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    public async Task<bool> SetManagerAsync(string conversationKey, string userKey, bool manager, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var sql = manager
            ? "INSERT INTO managers (conversation_key, user_key) VALUES ($c, $u) ON CONFLICT DO NOTHING"
            : "DELETE FROM managers WHERE conversation_key = $c AND user_key = $u";
        return await ExecAsync(c, null, sql, ct, ("$c", conversationKey), ("$u", userKey)) == 1;
    }

    public async Task<bool> IsManagerAsync(string conversationKey, string userKey, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await ScalarAsync(c, "SELECT COUNT(*) FROM managers WHERE conversation_key = $c AND user_key = $u", ct,
            ("$c", conversationKey), ("$u", userKey)) > 0;
    }

    public async Task<IReadOnlyList<string>> GetManagersAsync(string conversationKey, CancellationToken ct) =>
        await QueryAsync("SELECT user_key FROM managers WHERE conversation_key = $c ORDER BY user_key", r => r.GetString(0), ct, ("$c", conversationKey));

    public async Task<IReadOnlyList<RoleGrant>> GetGrantsAsync(string userKey, CancellationToken ct) =>
        await QueryAsync("""
            SELECT conversation_key, 1 FROM admins WHERE user_key = $u
            UNION ALL
            SELECT conversation_key, 0 FROM managers WHERE user_key = $u
            ORDER BY 1, 2 DESC
            """, r => new RoleGrant(r.GetString(0), r.GetInt32(1) == 1 ? GrantedRole.Admin : GrantedRole.Manager), ct, ("$u", userKey));
}
