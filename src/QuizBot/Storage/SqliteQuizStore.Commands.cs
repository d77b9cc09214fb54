using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    // SQLite result codes that say the database cannot be used just now (a lock held past the busy timeout, a full or
    // failing disk, a file that cannot be opened or written), as opposed to a mistake in QuizBot's own SQL.
    private static readonly HashSet<int> UnavailableCodes =
    [
        3, // SQLITE_PERM
        5, // SQLITE_BUSY
        6, // SQLITE_LOCKED
        7, // SQLITE_NOMEM
        8, // SQLITE_READONLY
        10, // SQLITE_IOERR
        11, // SQLITE_CORRUPT
        13, // SQLITE_FULL
        14, // SQLITE_CANTOPEN
        15, // SQLITE_PROTOCOL
        26, // SQLITE_NOTADB
    ];

    public static bool IsUnavailable(Exception e) => e is SqliteException s && UnavailableCodes.Contains(s.SqliteErrorCode & 0xFF);

    // The schema is migrated when the store is constructed, so there is nothing left to do.
    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    // A read of a real table: the file is there, readable and migrated.
    public async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM rounds)", ct);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        // NORMAL is durable across process crashes in WAL mode; only a power cut can lose the last commits.
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static async Task<int> ExecAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
