using System.Threading.Channels;
using Microsoft.Data.Sqlite;
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

    public async Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer a, ReviewMiss? miss, CancellationToken ct)
    {
        var pending = new QueuedAnswer(a, miss);
        await QueueAsync(pending, ct);
        // Once queued the answer is written or failed whatever the caller does; the caller may stop waiting.
        return await pending.Done.Task.WaitAsync(ct);
    }

    public async Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var pending = new QueuedMiss(userKey, bankId, questionId, dueAt);
        await QueueAsync(pending, ct);
        await pending.Done.Task.WaitAsync(ct);
    }

    private ValueTask QueueAsync(QueuedWrite write, CancellationToken ct)
    {
        _ = _writer.Value;
        return _writeQueue.Writer.WriteAsync(write, ct);
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
                    connection ??= await OpenAsync(CancellationToken.None);
                    statements ??= new BatchStatements(connection);
                    // SQLite runs in this thread either way (Microsoft.Data.Sqlite's async methods complete synchronously),
                    // so the batch runs without them: no task per statement.
                    WriteBatch(connection, statements, batch);
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
        statements.Join(tx);
        foreach (var write in batch)
        {
            write.Write(statements);
        }
        tx.Commit();
    }

    // One prepared statement per kind of write, made when a batch first needs it and kept, prepared, for the writer's
    // connection: each batch joins them to its transaction.
    private sealed class BatchStatements(SqliteConnection connection) : IDisposable
    {
        private SqliteTransaction? _tx;
        private SqliteCommand? _insertAnswer;
        private SqliteCommand? _firstAnswer;
        private SqliteCommand? _upsertMiss;

        // The post must still be open in the same statement, so a close that wins the race sees every answer it counts.
        public SqliteCommand InsertAnswer => Joined(_insertAnswer ??= Make("""
            INSERT INTO post_answers (post_id, user_key, user_name, choice, correct, answered_at)
            SELECT $p, $u, $n, $c, $ok, $at WHERE EXISTS (SELECT 1 FROM posts WHERE id = $p AND state = 1 AND closes_at > $at)
            ON CONFLICT DO NOTHING
            """, ("$p", SqliteType.Text), ("$u", SqliteType.Text), ("$n", SqliteType.Text), ("$c", SqliteType.Integer),
            ("$ok", SqliteType.Integer), ("$at", SqliteType.Integer)));

        public SqliteCommand FirstAnswer => Joined(_firstAnswer ??= Make(
            "SELECT post_id, user_key, user_name, choice, correct, answered_at FROM post_answers WHERE post_id = $p AND user_key = $u",
            ("$p", SqliteType.Text), ("$u", SqliteType.Text)));

        public SqliteCommand UpsertMiss => Joined(_upsertMiss ??= Make("""
            INSERT INTO reviews (user_key, bank_id, question_id, box, due_at, step, last_choice) VALUES ($u, $b, $q, 1, $due, 0, NULL)
            ON CONFLICT (user_key, bank_id, question_id) DO UPDATE SET box = 1, due_at = $due, step = step + 1, last_choice = NULL
            """, ("$u", SqliteType.Text), ("$b", SqliteType.Text), ("$q", SqliteType.Text), ("$due", SqliteType.Integer)));

        public void Join(SqliteTransaction tx) => _tx = tx;

        private SqliteCommand Joined(SqliteCommand command)
        {
            command.Transaction = _tx;
            return command;
        }

        private SqliteCommand Make(string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }
            return command;
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
            var insert = s.InsertAnswer;
            var values = insert.Parameters;
            (values[0].Value, values[1].Value, values[2].Value, values[3].Value, values[4].Value, values[5].Value) =
                (answer.PostId, answer.UserKey, answer.UserName, answer.Choice, answer.Correct ? 1 : 0, answer.AnsweredAt.ToUnixTimeMilliseconds());
            if (insert.ExecuteNonQuery() == 1)
            {
                if (miss is not null)
                {
                    QueuedMiss.Upsert(s, answer.UserKey, miss.BankId, miss.QuestionId, miss.DueAt);
                }
                _outcome = (true, null);
                return;
            }
            var read = s.FirstAnswer;
            (read.Parameters[0].Value, read.Parameters[1].Value) = (answer.PostId, answer.UserKey);
            using var reader = read.ExecuteReader();
            _outcome = (false, reader.Read() ? ReadAnswer(reader) : null);
        }

        public override void Committed() => Done.TrySetResult(_outcome);

        public override void Failed(Exception e) => Done.TrySetException(e);
    }

    private sealed class QueuedMiss(string userKey, string bankId, string questionId, DateTimeOffset dueAt) : QueuedWrite
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Write(BatchStatements s) => Upsert(s, userKey, bankId, questionId, dueAt);

        public static void Upsert(BatchStatements s, string userKey, string bankId, string questionId, DateTimeOffset dueAt)
        {
            var upsert = s.UpsertMiss;
            (upsert.Parameters[0].Value, upsert.Parameters[1].Value, upsert.Parameters[2].Value, upsert.Parameters[3].Value) =
                (userKey, bankId, questionId, dueAt.ToUnixTimeMilliseconds());
            upsert.ExecuteNonQuery();
        }

        public override void Committed() => Done.TrySetResult();

        public override void Failed(Exception e) => Done.TrySetException(e);
    }
}
