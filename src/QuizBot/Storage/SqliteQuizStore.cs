using Microsoft.Data.Sqlite;
using QuizBot.Quizzes;

namespace QuizBot.Storage;

// The embedded default: one file, WAL so readers never wait for the writer, every multi-row step in one transaction.
internal sealed partial class SqliteQuizStore : IQuizStore, IDisposable
{
    private readonly string _connectionString;

    // busyTimeoutSeconds: how long a statement waits for another writer's lock before it fails (the store is then
    // unavailable); tests shorten it.
    public SqliteQuizStore(string path, int busyTimeoutSeconds = 30)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = true,
            DefaultTimeout = busyTimeoutSeconds,
            ForeignKeys = true,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Migrate(connection);
        _writer = new Lazy<Task>(() => Task.Run(WriteQueuedAsync));
    }

    public void Dispose()
    {
        _writeQueue.Writer.TryComplete();
        _stopping.Cancel();
    }

    public async Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadSessionAsync(connection, "user_key = $key AND status = 0", userKey, ct);
    }

    public async Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadSessionAsync(connection, "id = $key", sessionId, ct);
    }

    public async Task StartSessionAsync(QuizSession session, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        await ExecAsync(connection, tx, "UPDATE sessions SET status = 2 WHERE user_key = $user AND status = 0", ct, ("$user", session.UserKey));
        await ExecAsync(connection, tx, """
            INSERT INTO sessions (id, user_key, conversation_key, bank_id, position, score, status, started_at, completed_at, question_ids, bank_version)
            VALUES ($id, $user, $conv, $bank, $pos, $score, $status, $started, $completed, $questions, $version)
            """, ct, ("$questions", session.QuestionIds), ("$version", session.BankVersion),
            ("$id", session.Id), ("$user", session.UserKey), ("$conv", session.ConversationKey), ("$bank", session.BankId),
            ("$pos", session.Position), ("$score", session.Score), ("$status", (int)session.Status),
            ("$started", session.StartedAt.ToUnixTimeMilliseconds()), ("$completed", session.CompletedAt?.ToUnixTimeMilliseconds()));
        await tx.CommitAsync(ct);
    }

    public async Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        var inserted = await ExecAsync(connection, tx, """
            INSERT INTO session_answers (session_id, question_index, choice, correct, answered_at, question_id)
            VALUES ($id, $q, $choice, $correct, $at, $question) ON CONFLICT DO NOTHING
            """, ct, ("$question", answer.QuestionId),
            ("$id", answer.SessionId), ("$q", answer.QuestionIndex), ("$choice", answer.Choice),
            ("$correct", answer.Correct ? 1 : 0), ("$at", answer.AnsweredAt.ToUnixTimeMilliseconds()));
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct);
            var existing = (await GetSessionAnswersAsync(answer.SessionId, ct)).FirstOrDefault(a => a.QuestionIndex == answer.QuestionIndex);
            return new SessionAnswerWrite(false, existing);
        }
        var advanced = await ExecAsync(connection, tx, """
            UPDATE sessions SET position = position + 1, score = score + $correct,
                status = CASE WHEN position + 1 >= $count THEN 1 ELSE status END,
                completed_at = CASE WHEN position + 1 >= $count THEN $at ELSE completed_at END
            WHERE id = $id AND position = $q AND status = 0
            """, ct,
            ("$id", answer.SessionId), ("$q", answer.QuestionIndex), ("$correct", answer.Correct ? 1 : 0),
            ("$count", questionCount), ("$at", answer.AnsweredAt.ToUnixTimeMilliseconds()));
        if (advanced == 0)
        {
            await tx.RollbackAsync(ct);
            return new SessionAnswerWrite(false, null);
        }
        await tx.CommitAsync(ct);
        return new SessionAnswerWrite(true, null);
    }

    public async Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT question_index, choice, correct, answered_at, question_id FROM session_answers WHERE session_id = $id ORDER BY question_index";
        cmd.Parameters.AddWithValue("$id", sessionId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var answers = new List<SessionAnswer>();
        while (await reader.ReadAsync(ct))
        {
            answers.Add(new SessionAnswer(sessionId, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2) == 1,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return answers;
    }

    private static async Task<QuizSession?> ReadSessionAsync(SqliteConnection connection, string where, string key, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT id, user_key, conversation_key, bank_id, position, score, status, started_at, completed_at, question_ids, bank_version FROM sessions WHERE {where}";
        cmd.Parameters.AddWithValue("$key", key);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return new QuizSession(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
            (SessionStatus)r.GetInt32(6), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
            r.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), r.IsDBNull(9) ? null : r.GetString(9),
            r.IsDBNull(10) ? null : r.GetInt32(10));
    }
}
