namespace QuizBot.Storage;

internal static partial class SqliteSchema
{
    // A board's rank is 1 + the members with more points. Counting them in board_rank walks one index entry per member
    // above the asker (60,000 entries for a mid-table member of a 100,000-member week board), so the count is kept per
    // points value instead: a rank sums a handful of rows (at most one per question in the period), whatever the size.
    // Every writer of `board` keeps it in the same transaction (SqliteQuizStore.BoardPoints.cs). Not by triggers: they
    // ran up to three statements per board write (a close writes three per answer), where a close can gather the moves
    // and write a few rows at its end; with them the benchmarks' seeding of 2.6 million board rows took twice as long.
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
        """;
}
