namespace QuizBot.Storage;

internal static partial class SqliteSchema
{
    // A board's rank is 1 + the members with more points. Counting them in board_rank walks one index entry per member
    // above the asker (60,000 entries for a mid-table member of a 100,000-member week board), so the count is kept per
    // points value instead: a rank sums a handful of rows (at most one per question in the period), whatever the size.
    // Triggers keep it, so every writer of `board` (close, revision, the benchmarks' seeders) keeps it right in the
    // same transaction without knowing about it. Empty buckets are deleted so the sum never reads stale rows.
    private const string BoardPoints = """
        CREATE TABLE board_points (
            conversation_key TEXT NOT NULL,
            period TEXT NOT NULL,
            points INTEGER NOT NULL,
            members INTEGER NOT NULL,
            PRIMARY KEY (conversation_key, period, points)
        ) WITHOUT ROWID;
        INSERT INTO board_points (conversation_key, period, points, members)
        SELECT conversation_key, period, points, COUNT(*) FROM board GROUP BY conversation_key, period, points;
        CREATE TRIGGER board_points_insert AFTER INSERT ON board BEGIN
            INSERT INTO board_points (conversation_key, period, points, members) VALUES (new.conversation_key, new.period, new.points, 1)
            ON CONFLICT (conversation_key, period, points) DO UPDATE SET members = members + 1;
        END;
        CREATE TRIGGER board_points_update AFTER UPDATE OF conversation_key, period, points ON board
        WHEN old.points <> new.points OR old.conversation_key <> new.conversation_key OR old.period <> new.period BEGIN
            DELETE FROM board_points WHERE conversation_key = old.conversation_key AND period = old.period AND points = old.points AND members = 1;
            UPDATE board_points SET members = members - 1 WHERE conversation_key = old.conversation_key AND period = old.period AND points = old.points;
            INSERT INTO board_points (conversation_key, period, points, members) VALUES (new.conversation_key, new.period, new.points, 1)
            ON CONFLICT (conversation_key, period, points) DO UPDATE SET members = members + 1;
        END;
        CREATE TRIGGER board_points_delete AFTER DELETE ON board BEGIN
            DELETE FROM board_points WHERE conversation_key = old.conversation_key AND period = old.period AND points = old.points AND members = 1;
            UPDATE board_points SET members = members - 1 WHERE conversation_key = old.conversation_key AND period = old.period AND points = old.points;
        END;
        """;
}
