using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// The burst after a daily post is many people answering one question at once. SQLite takes one writer at a time, so
// answers queue here and one writer commits whatever has gathered in a single transaction (group commit) on a
// connection it keeps open: each answer still gets its own verdict (inserted, or the first answer), and a failed
// transaction fails every answer in it, none half-written.
internal sealed partial class SqliteQuizStore
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingAnswer> _answerQueue = Channel.CreateUnbounded<PendingAnswer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _answerWriter;

    private sealed record PendingAnswer(PostAnswer Answer, TaskCompletionSource<(bool Inserted, PostAnswer? Existing)> Done);

    public async Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer a, CancellationToken ct)
    {
        _ = _answerWriter.Value;
        var pending = new PendingAnswer(a, new TaskCompletionSource<(bool, PostAnswer?)>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _answerQueue.Writer.WriteAsync(pending, ct);
        // Once queued the answer is written or failed whatever the caller does; the caller may stop waiting.
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAnswersAsync()
    {
        SqliteConnection? connection = null;
        var batch = new List<PendingAnswer>(MaxBatch);
        try
        {
            while (await _answerQueue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _answerQueue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                try
                {
                    connection ??= await OpenAsync(CancellationToken.None);
                    var results = await InsertBatchAsync(connection, batch);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(results[i]);
                    }
                }
                catch (Exception e)
                {
                    foreach (var p in batch)
                    {
                        p.Done.TrySetException(e);
                    }
                    // Whatever went wrong, the writer keeps serving: the next batch starts on a fresh connection.
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
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<(bool, PostAnswer?)[]> InsertBatchAsync(SqliteConnection c, List<PendingAnswer> batch)
    {
        var results = new (bool, PostAnswer?)[batch.Count];
        await using var tx = c.BeginTransaction();
        await using var insert = c.CreateCommand();
        insert.Transaction = tx;
        // The post must still be open in the same statement, so a close that wins the race sees every answer it counts.
        insert.CommandText = """
            INSERT INTO post_answers (post_id, user_key, user_name, choice, correct, answered_at)
            SELECT $p, $u, $n, $c, $ok, $at WHERE EXISTS (SELECT 1 FROM posts WHERE id = $p AND state = 1 AND closes_at > $at)
            ON CONFLICT DO NOTHING
            """;
        var p = insert.Parameters.Add("$p", SqliteType.Text);
        var u = insert.Parameters.Add("$u", SqliteType.Text);
        var n = insert.Parameters.Add("$n", SqliteType.Text);
        var choice = insert.Parameters.Add("$c", SqliteType.Integer);
        var ok = insert.Parameters.Add("$ok", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        for (var i = 0; i < batch.Count; i++)
        {
            var a = batch[i].Answer;
            (p.Value, u.Value, n.Value, choice.Value, ok.Value, at.Value) =
                (a.PostId, a.UserKey, a.UserName, a.Choice, a.Correct ? 1 : 0, a.AnsweredAt.ToUnixTimeMilliseconds());
            if (await insert.ExecuteNonQueryAsync() == 1)
            {
                results[i] = (true, null);
                continue;
            }
            var existing = await QueryAsync(c, tx, "SELECT post_id, user_key, user_name, choice, correct, answered_at FROM post_answers WHERE post_id = $p AND user_key = $u",
                ReadAnswer, CancellationToken.None, ("$p", a.PostId), ("$u", a.UserKey));
            results[i] = (false, existing.FirstOrDefault());
        }
        await tx.CommitAsync();
        return results;
    }
}
