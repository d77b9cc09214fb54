using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// The burst after a daily post is many people answering one question at once. SQLite takes one writer at a time, so
// the click path's writes (the answer, with a wrong one's review entry; a quiz's review entries) queue here and one writer commits
// whatever has gathered in a single transaction (group commit) on a connection it keeps open: each write still gets
// its own verdict (inserted, or the first answer), and a failed transaction fails every write in it, none
// half-written. A click-path write that took its own transaction instead would wait for this writer's lock, and
// Microsoft.Data.Sqlite waits for a busy lock by sleeping, which is what a burst's slowest answers used to spend.
internal sealed partial class SqliteQuizStore
{
    private const int MaxBatch = 256;

    private readonly Channel<QueuedWrite> _writeQueue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;

    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer a, CancellationToken ct) => AddPostAnswerAsync(a, null, ct);

    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer a, ReviewMiss? miss, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<(bool, PostAnswer?)>(ct);
        }
        var pending = new QueuedAnswer(a, miss);
        Queue(pending);
        // Once queued the answer is written or failed whatever the caller does; the caller may stop waiting.
        return pending.Done.Task.WaitAsync(ct);
    }

    public Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }
        var pending = new QueuedMiss(userKey, bankId, questionId, dueAt);
        Queue(pending);
        return pending.Done.Task.WaitAsync(ct);
    }

    // The queue is unbounded: a write is queued at once, with no task of its own.
    private void Queue(QueuedWrite write)
    {
        _ = _writer.Value;
        if (!_writeQueue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteQuizStore), "The store's writer has stopped.");
        }
    }

    private async Task WriteQueuedAsync()
    {
        SqliteConnection? connection = null;
        BatchStatements? statements = null;
        var batch = new List<QueuedWrite>(MaxBatch);
        try
        {
            while (await _writeQueue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _writeQueue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                try
                {
                    connection ??= await OpenWriterAsync();
                    statements ??= new BatchStatements(connection);
                    // SQLite runs in this thread either way (Microsoft.Data.Sqlite's async methods complete synchronously),
                    // so the batch runs without them: no task per statement.
                    WriteBatch(connection, statements, batch);
                    Written();
                    foreach (var write in batch)
                    {
                        write.Committed();
                    }
                }
                catch (Exception e)
                {
                    foreach (var write in batch)
                    {
                        write.Failed(e);
                    }
                    // Whatever went wrong, the writer keeps serving: the next batch starts on a fresh connection.
                    statements?.Dispose();
                    statements = null;
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        finally
        {
            statements?.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static void WriteBatch(SqliteConnection c, BatchStatements statements, List<QueuedWrite> batch)
    {
        using var tx = c.BeginTransaction();
        foreach (var write in batch)
        {
            write.Write(statements);
        }
        tx.Commit();
    }

    // One prepared statement per kind of write, made when a batch first needs it and kept, prepared, for the writer's
    // connection, and run through SQLite's own API inside the batch's transaction: a SqliteCommand would make a binder per
    // value, a data reader per run and a statement enumerator on top, for each of a burst's answers.
    private sealed class BatchStatements(SqliteConnection connection) : IDisposable
    {
        private readonly sqlite3 _db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        private sqlite3_stmt? _insertAnswer;
        private sqlite3_stmt? _firstAnswer;
        private sqlite3_stmt? _upsertMiss;

        // The post must still be open in the same statement, so a close that wins the race sees every answer it counts.
        // True: inserted; false: the person had answered already, or the post is not open.
        public bool InsertAnswer(PostAnswer a)
        {
            var s = _insertAnswer ??= Prepare($"""
                INSERT INTO post_answers ({AnswerColumns})
                SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM posts WHERE id = ?1 AND state = 1 AND closes_at > ?6)
                ON CONFLICT DO NOTHING
                """);
            Text(s, 1, a.PostId);
            Text(s, 2, a.UserKey);
            Text(s, 3, a.UserName);
            raw.sqlite3_bind_int64(s, 4, a.Choice);
            raw.sqlite3_bind_int64(s, 5, a.Correct ? 1 : 0);
            raw.sqlite3_bind_int64(s, 6, a.AnsweredAt.ToUnixTimeMilliseconds());
            Step(s, raw.SQLITE_DONE);
            return raw.sqlite3_changes(_db) == 1;
        }

        public PostAnswer? FirstAnswer(string postId, string userKey)
        {
            var s = _firstAnswer ??= Prepare($"SELECT {AnswerColumns} FROM post_answers WHERE post_id = ?1 AND user_key = ?2");
            Text(s, 1, postId);
            Text(s, 2, userKey);
            try
            {
                var rc = raw.sqlite3_step(s);
                if (rc == raw.SQLITE_DONE)
                {
                    return null;
                }
                if (rc != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }
                // ReadAnswer's mapping, over SQLite's own columns.
                return new PostAnswer(raw.sqlite3_column_text(s, 0).utf8_to_string(), raw.sqlite3_column_text(s, 1).utf8_to_string(),
                    raw.sqlite3_column_text(s, 2).utf8_to_string(), raw.sqlite3_column_int(s, 3), raw.sqlite3_column_int(s, 4) == 1,
                    DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(s, 5)));
            }
            finally
            {
                raw.sqlite3_reset(s);
            }
        }

        public void UpsertMiss(string userKey, string bankId, string questionId, DateTimeOffset dueAt)
        {
            var s = _upsertMiss ??= Prepare("""
                INSERT INTO reviews (user_key, bank_id, question_id, box, due_at, step, last_choice) VALUES (?1, ?2, ?3, 1, ?4, 0, NULL)
                ON CONFLICT (user_key, bank_id, question_id) DO UPDATE SET box = 1, due_at = ?4, step = step + 1, last_choice = NULL
                """);
            Text(s, 1, userKey);
            Text(s, 2, bankId);
            Text(s, 3, questionId);
            raw.sqlite3_bind_int64(s, 4, dueAt.ToUnixTimeMilliseconds());
            Step(s, raw.SQLITE_DONE);
        }

        private sqlite3_stmt Prepare(string sql)
        {
            var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
            return statement;
        }

        private void Text(sqlite3_stmt s, int index, string value) =>
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text16(s, index, value), _db);

        private void Step(sqlite3_stmt s, int expected)
        {
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            if (rc != expected)
            {
                SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, _db);
            }
        }

        public void Dispose()
        {
            _insertAnswer?.Dispose();
            _firstAnswer?.Dispose();
            _upsertMiss?.Dispose();
        }
    }

    private abstract class QueuedWrite
    {
        // Runs inside the batch's transaction; the outcome is handed out only once the transaction has committed.
        public abstract void Write(BatchStatements s);

        public abstract void Committed();

        public abstract void Failed(Exception e);
    }

    // The answer, and when it is inserted, its review entry in the same transaction.
    private sealed class QueuedAnswer(PostAnswer answer, ReviewMiss? miss) : QueuedWrite
    {
        private (bool, PostAnswer?) _outcome;

        public TaskCompletionSource<(bool Inserted, PostAnswer? Existing)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Write(BatchStatements s)
        {
            if (s.InsertAnswer(answer))
            {
                if (miss is not null)
                {
                    s.UpsertMiss(answer.UserKey, miss.BankId, miss.QuestionId, miss.DueAt);
                }
                _outcome = (true, null);
                return;
            }
            _outcome = (false, s.FirstAnswer(answer.PostId, answer.UserKey));
        }

        public override void Committed() => Done.TrySetResult(_outcome);

        public override void Failed(Exception e) => Done.TrySetException(e);
    }

    private sealed class QueuedMiss(string userKey, string bankId, string questionId, DateTimeOffset dueAt) : QueuedWrite
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Write(BatchStatements s) => s.UpsertMiss(userKey, bankId, questionId, dueAt);

        public override void Committed() => Done.TrySetResult();

        public override void Failed(Exception e) => Done.TrySetException(e);
    }
}
