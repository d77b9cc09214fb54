using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

// board_points (how many members of a board have each number of points; see SqliteSchema.BoardPoints.cs) moves with
// every write to `board`, in the writer's transaction, so a rank read never sees the two disagree.
internal sealed partial class SqliteQuizStore
{
    // A close moves many members between few points values: the moves are gathered while folding and written once,
    // a statement per (period, points) that changed rather than per answer.
    private sealed class BoardPointMoves
    {
        private readonly Dictionary<(string Period, int Points), int> _deltas = [];

        public void Move(string period, int? from, int to)
        {
            if (from == to)
            {
                return;
            }
            if (from is { } f)
            {
                _deltas[(period, f)] = _deltas.GetValueOrDefault((period, f)) - 1;
            }
            _deltas[(period, to)] = _deltas.GetValueOrDefault((period, to)) + 1;
        }

        public async Task WriteAsync(SqliteConnection c, SqliteTransaction tx, string conversationKey, CancellationToken ct)
        {
            foreach (var ((period, points), delta) in _deltas.Where(d => d.Value != 0))
            {
                await ExecAsync(c, tx, """
                    INSERT INTO board_points (conversation_key, period, points, members) VALUES ($c, $p, $pts, $d)
                    ON CONFLICT (conversation_key, period, points) DO UPDATE SET members = members + $d
                    """, ct, ("$c", conversationKey), ("$p", period), ("$pts", points), ("$d", delta));
            }
            // Emptied values go, so a rank never sums rows that count nobody.
            foreach (var period in _deltas.Where(d => d.Value < 0).Select(d => d.Key.Period).Distinct())
            {
                await ExecAsync(c, tx, "DELETE FROM board_points WHERE conversation_key = $c AND period = $p AND members <= 0", ct,
                    ("$c", conversationKey), ("$p", period));
            }
        }
    }

    // After a revision has rewritten entries of a period: count it again (one index range per period; revising is rare).
    private static async Task RecountBoardPointsAsync(SqliteConnection c, SqliteTransaction tx, string conversationKey, string period, CancellationToken ct)
    {
        await ExecAsync(c, tx, "DELETE FROM board_points WHERE conversation_key = $c AND period = $p", ct, ("$c", conversationKey), ("$p", period));
        await ExecAsync(c, tx, """
            INSERT INTO board_points (conversation_key, period, points, members)
            SELECT conversation_key, period, points, COUNT(*) FROM board WHERE conversation_key = $c AND period = $p GROUP BY points
            """, ct, ("$c", conversationKey), ("$p", period));
    }
}
