using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

// A checkpoint copies the WAL's pages into the database file and syncs both files to disk. SQLite runs one inside
// whichever commit takes the WAL past 1,000 pages, and in a burst that is the group commit's writer: every click queued
// behind it waited for two fsyncs, 8 to 9 times a second at 12,000 answers/s, which is where the burst's slowest
// answers went. So the writer leaves checkpoints to a checkpointer on a connection of its own: a passive checkpoint,
// which never blocks the writer, runs at most every CheckpointEvery while anything was written. The writer still
// checkpoints itself when the WAL reaches WriterCheckpointPages (by then the checkpointer has copied nearly all of it):
// only a checkpoint that finishes with no writer at work lets the WAL start again from its beginning, so under a burst
// that never lets up this is what bounds the WAL file (about 40 MB). Durability is as before: the same syncs, on
// another thread.
internal sealed partial class SqliteQuizStore
{
    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(100);
    private const int WriterCheckpointPages = 10_000;

    private readonly CancellationTokenSource _stopping = new();

    // Holds one "something was written" signal; the writer never waits on it.
    private readonly Channel<bool> _written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private Task? _checkpointer;

    // The writer's connection: SQLite's own checkpoint only as the backstop, and the checkpointer started with it.
    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var connection = await OpenAsync(CancellationToken.None);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA wal_autocheckpoint = {WriterCheckpointPages};";
            pragma.ExecuteNonQuery();
        }
        _checkpointer ??= Task.Run(CheckpointAsync);
        return connection;
    }

    private void Written() => _written.Writer.TryWrite(true);

    private async Task CheckpointAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (await _written.Reader.WaitToReadAsync(_stopping.Token))
            {
                _written.Reader.TryRead(out _);
                try
                {
                    connection ??= await OpenAsync(_stopping.Token);
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // A checkpoint that fails is only late: the next one (or the writer's own) copies what this one did not.
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
                await Task.Delay(CheckpointEvery, _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
