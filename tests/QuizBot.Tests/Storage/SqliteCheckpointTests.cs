using Microsoft.Data.Sqlite;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// The group commit's writer leaves checkpoints to a checkpointer of the store's own (SqliteQuizStore.Checkpoints.cs).
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Writes_reach_the_database_file_itself_soon_after_they_commit_not_only_once_the_WAL_fills()
    {
        var path = _dir.File("quizbot.db");
        using var store = new SqliteQuizStore(path);

        // A few misses through the writer: a handful of pages, far below any WAL size that makes SQLite checkpoint.
        for (var i = 0; i < 20; i++)
        {
            await store.RecordMissAsync($"user-{i}", "bank", "q1", DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);
        }

        // The database file alone, as a copy of it without its WAL holds it (looked at for up to about 10 s).
        var rows = 0L;
        for (var look = 0; look < 100 && rows < 20; look++)
        {
            await Task.Delay(SqliteQuizStore.CheckpointEvery);
            rows = CountInCopy(path);
        }

        Assert.Equal(20, rows);
    }

    private long CountInCopy(string path)
    {
        var copy = _dir.File($"copy-{Guid.NewGuid():N}.db");
        File.Copy(path, copy);
        using var c = new SqliteConnection($"Data Source={copy};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM reviews";
        return (long)cmd.ExecuteScalar()!;
    }
}
