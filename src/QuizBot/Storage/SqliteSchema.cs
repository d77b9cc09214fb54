using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

// Migrations run in order at start-up; PRAGMA user_version records how far a database has come.
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_key TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            score INTEGER NOT NULL,
            status INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            completed_at INTEGER
        );
        CREATE UNIQUE INDEX sessions_one_active ON sessions(user_key) WHERE status = 0;
        CREATE TABLE session_answers (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_index INTEGER NOT NULL,
            choice INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (session_id, question_index)
        ) WITHOUT ROWID;
        """,
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException($"The database is at schema version {current}, newer than this QuizBot ({Migrations.Length}). Upgrade QuizBot.");
        }
        for (var v = current; v < Migrations.Length; v++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = tx;
            step.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            step.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
