using Microsoft.Data.Sqlite;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    private const string BoardColumns = "user_key, name, points, correct, answered, streak, best_streak";

    public async Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        // Index-ordered: the top rows, one row with its rank, and the member count; none of it grows with the number of
        // answers ever given, and the rank reads board_points (one row per points value), not one row per member above.
        var rows = await QueryAsync(c, null, $"SELECT {BoardColumns} FROM board WHERE conversation_key = $c AND period = $p ORDER BY points DESC, name LIMIT $n",
            ReadEntry, ct, ("$c", conversationKey), ("$p", period), ("$n", top));
        var ranked = new List<RankedEntry>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var rank = i > 0 && rows[i].Points == rows[i - 1].Points ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedEntry(rank, rows[i]));
        }
        var mine = ranked.FirstOrDefault(r => r.Entry.UserKey == userKey) ?? (await QueryAsync(c, null, $"""
            SELECT {BoardColumns}, (SELECT COALESCE(SUM(members), 0) FROM board_points
                WHERE conversation_key = $c AND period = $p AND points > b.points)
            FROM board b WHERE conversation_key = $c AND period = $p AND user_key = $u
            """, r => new RankedEntry(r.GetInt32(7) + 1, ReadEntry(r)), ct, ("$c", conversationKey), ("$p", period), ("$u", userKey))).FirstOrDefault();
        var members = await ScalarAsync(c, "SELECT COALESCE((SELECT members FROM board_members WHERE conversation_key = $c AND period = $p), 0)", ct,
            ("$c", conversationKey), ("$p", period));
        return new BoardPage(ranked, mine, (int)members);
    }

    private static async Task ApplyToBoardsAsync(SqliteConnection c, SqliteTransaction tx, string conversationKey, IReadOnlyList<string> periods,
        PostAnswer answer, BoardPointMoves moves, CancellationToken ct)
    {
        async Task<BoardEntry?> ReadAsync(string period) => (await QueryAsync(c, tx,
            $"SELECT {BoardColumns} FROM board WHERE conversation_key = $c AND period = $p AND user_key = $u",
            ReadEntry, ct, ("$c", conversationKey), ("$p", period), ("$u", answer.UserKey))).FirstOrDefault();

        var streak = Scoring.NextStreak(await ReadAsync(Periods.All), answer.Correct);
        foreach (var period in periods)
        {
            var before = await ReadAsync(period);
            if (before is null)
            {
                await ExecAsync(c, tx, """
                    INSERT INTO board_members (conversation_key, period, members) VALUES ($c, $p, 1)
                    ON CONFLICT (conversation_key, period) DO UPDATE SET members = members + 1
                    """, ct, ("$c", conversationKey), ("$p", period));
            }
            var e = Scoring.Apply(before, answer, streak);
            moves.Move(period, before?.Points, e.Points);
            await ExecAsync(c, tx, $"""
                INSERT INTO board (conversation_key, period, {BoardColumns}) VALUES ($c, $p, $u, $n, $pts, $ok, $ans, $s, $best)
                ON CONFLICT (conversation_key, period, user_key) DO UPDATE SET name = $n, points = $pts, correct = $ok, answered = $ans, streak = $s, best_streak = $best
                """, ct, ("$c", conversationKey), ("$p", period), ("$u", e.UserKey), ("$n", e.Name), ("$pts", e.Points), ("$ok", e.Correct),
                ("$ans", e.Answered), ("$s", e.Streak), ("$best", e.BestStreak));
        }
    }

    private static BoardEntry ReadEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6));

    private static async Task<long> ScalarAsync(SqliteConnection c, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SaveConversationAsync(string conversationKey, string address, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "INSERT INTO conversations (key, address) VALUES ($k, $a) ON CONFLICT (key) DO UPDATE SET address = $a, blocked = 0, blocked_reason = NULL",
            ct, ("$k", conversationKey), ("$a", address));
    }

    public async Task<ConversationRecord?> GetConversationAsync(string conversationKey, CancellationToken ct) =>
        (await QueryAsync("SELECT key, address, blocked, blocked_reason FROM conversations WHERE key = $k",
            r => new ConversationRecord(r.GetString(0), r.GetString(1), r.GetInt32(2) == 1, r.IsDBNull(3) ? null : r.GetString(3)), ct, ("$k", conversationKey)))
        .FirstOrDefault();

    public async Task SetConversationBlockedAsync(string conversationKey, string? reason, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "UPDATE conversations SET blocked = $b, blocked_reason = $r WHERE key = $k", ct,
            ("$k", conversationKey), ("$b", reason is null ? 0 : 1), ("$r", reason));
    }

    public async Task<bool> SetAdminAsync(string conversationKey, string userKey, bool admin, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var sql = admin
            ? "INSERT INTO admins (conversation_key, user_key) VALUES ($c, $u) ON CONFLICT DO NOTHING"
            : "DELETE FROM admins WHERE conversation_key = $c AND user_key = $u";
        return await ExecAsync(c, null, sql, ct, ("$c", conversationKey), ("$u", userKey)) == 1;
    }

    public async Task<bool> IsAdminAsync(string conversationKey, string userKey, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await ScalarAsync(c, "SELECT COUNT(*) FROM admins WHERE conversation_key = $c AND user_key = $u", ct, ("$c", conversationKey), ("$u", userKey)) > 0;
    }
}
