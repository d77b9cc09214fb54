using Microsoft.Data.Sqlite;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// Revising a post is one write transaction (BEGIN IMMEDIATE: a second instance on the same file waits for it): the post's
// new state or key, its answers' marks and the re-folded boards commit together, so the post itself records what its
// answers are folded at, and a repeat finds it already there and changes nothing.
internal sealed partial class SqliteQuizStore
{
    public async Task<RoundPost?> RevisePostAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction();
        var post = (await QueryAsync(c, tx, $"SELECT {PostColumns} FROM posts WHERE id = $id", ReadPost, ct, ("$id", postId))).FirstOrDefault();
        if (post is null)
        {
            return null;
        }
        BoardReplay.Check(post, newAnswer);
        if (post.State is PostState.Claimed or PostState.Posted)
        {
            // Nothing is folded yet: the close will score against whatever this leaves.
            await (newAnswer is null
                ? ExecAsync(c, tx, "UPDATE posts SET state = 4 WHERE id = $id", ct, ("$id", postId))
                : RekeyAsync(c, tx, postId, newAnswer.Value, ct));
        }
        else if (BoardReplay.WasClosed(post) && !BoardReplay.IsAt(post, newAnswer))
        {
            await ExecAsync(c, tx, "UPDATE posts SET state = $s WHERE id = $id", ct,
                ("$id", postId), ("$s", (int)(newAnswer is null ? PostState.Void : PostState.Closed)));
            if (newAnswer is { } answer)
            {
                await RekeyAsync(c, tx, postId, answer, ct);
            }
            await RefoldAsync(c, tx, post, periods, ct);
        }
        var stored = (await QueryAsync(c, tx, $"SELECT {PostColumns} FROM posts WHERE id = $id", ReadPost, ct, ("$id", postId))).First();
        await tx.CommitAsync(ct);
        return stored;
    }

    // The key and every answer's mark change together, so the closed card, the person's result and the boards agree.
    private static async Task RekeyAsync(SqliteConnection c, SqliteTransaction tx, string postId, int answer, CancellationToken ct)
    {
        await ExecAsync(c, tx, "UPDATE posts SET answer = $a WHERE id = $id", ct, ("$id", postId), ("$a", answer));
        await ExecAsync(c, tx, "UPDATE post_answers SET correct = (choice = $a) WHERE post_id = $id", ct, ("$id", postId), ("$a", answer));
    }

    // Rebuilds the entries of everyone who answered the post from their answers to the conversation's closed posts (the
    // post itself included only if it is still closed, with its answers' new marks): on the post's periods, and on those
    // of every post closed after it, whose entries carry streaks that ran through the revised answer.
    private static async Task RefoldAsync(SqliteConnection c, SqliteTransaction tx, RoundPost post, IReadOnlyList<string> periods, CancellationToken ct)
    {
        var users = await QueryAsync(c, tx, "SELECT user_key FROM post_answers WHERE post_id = $p", r => r.GetString(0), ct, ("$p", post.Id));
        var rows = await QueryAsync(c, tx, """
            SELECT pa.post_id, pa.user_key, pa.user_name, pa.choice, pa.correct, pa.answered_at, p.slot_at, p.time_zone, p.closes_at
            FROM posts p JOIN post_answers pa ON pa.post_id = p.id
            WHERE p.conversation_key = $c AND p.state = 2 AND pa.user_key IN (SELECT user_key FROM post_answers WHERE post_id = $p)
            ORDER BY pa.user_key, p.closes_at, p.id
            """, r => (Answer: ReadAnswer(r), SlotAt: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), Zone: r.GetString(7),
                ClosesAt: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8))), ct,
            ("$c", post.ConversationKey), ("$p", post.Id));
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var steps = rows.Select(x => (x.Answer.UserKey, Later: x.ClosesAt >= post.ClosesAt,
            Step: new BoardReplay.Step(x.Answer, x.Answer.PostId == post.Id ? periods : BoardReplay.PeriodsOf(x.SlotAt, x.Zone, zones)))).ToList();
        var history = steps.GroupBy(x => x.UserKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Step).ToList(), StringComparer.Ordinal);
        IReadOnlyList<string> wanted = [.. periods.Concat(steps.Where(x => x.Later).SelectMany(x => x.Step.Periods)).Distinct()];

        await using var upsert = Prepare(c, tx, $"""
            INSERT INTO board (conversation_key, period, {BoardColumns}) VALUES ($c, $p, $u, $n, $pts, $ok, $ans, $s, $best)
            ON CONFLICT (conversation_key, period, user_key) DO UPDATE SET name = $n, points = $pts, correct = $ok, answered = $ans, streak = $s, best_streak = $best
            """, "$c", "$p", "$u", "$n", "$pts", "$ok", "$ans", "$s", "$best");
        await using var delete = Prepare(c, tx, "DELETE FROM board WHERE conversation_key = $c AND period = $p AND user_key = $u", "$c", "$p", "$u");
        foreach (var user in users)
        {
            var entries = BoardReplay.Rebuild(history.GetValueOrDefault(user) ?? [], wanted);
            foreach (var period in wanted)
            {
                if (entries.TryGetValue(period, out var e))
                {
                    await RunAsync(upsert, ct, post.ConversationKey, period, e.UserKey, e.Name, e.Points, e.Correct, e.Answered, e.Streak, e.BestStreak);
                }
                else
                {
                    await RunAsync(delete, ct, post.ConversationKey, period, user);
                }
            }
        }
        // A void can take people off a board: count its members and their points again (index ranges per period; revising is rare).
        foreach (var period in wanted)
        {
            await ExecAsync(c, tx, """
                INSERT INTO board_members (conversation_key, period, members)
                VALUES ($c, $p, (SELECT COUNT(*) FROM board WHERE conversation_key = $c AND period = $p))
                ON CONFLICT (conversation_key, period) DO UPDATE SET members = excluded.members
                """, ct, ("$c", post.ConversationKey), ("$p", period));
            await RecountBoardPointsAsync(c, tx, post.ConversationKey, period, ct);
        }
    }

    // One statement for thousands of rows: prepared once, its parameters set per row.
    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        cmd.Prepare();
        return cmd;
    }

    private static async Task RunAsync(SqliteCommand cmd, CancellationToken ct, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
