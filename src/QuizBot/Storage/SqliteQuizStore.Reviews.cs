using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    private const string ReviewColumns = "user_key, bank_id, question_id, box, due_at, step, last_choice";

    public async Task<ReviewCard?> GetReviewCardAsync(string userKey, string bankId, string questionId, CancellationToken ct) =>
        (await QueryAsync($"SELECT {ReviewColumns} FROM reviews WHERE user_key = $u AND bank_id = $b AND question_id = $q", ReadReview, ct,
            ("$u", userKey), ("$b", bankId), ("$q", questionId))).FirstOrDefault();

    public async Task<IReadOnlyList<ReviewCard>> GetDueReviewsAsync(string userKey, DateTimeOffset before, int limit, CancellationToken ct) =>
        await QueryAsync($"""
            SELECT {ReviewColumns} FROM reviews WHERE user_key = $u AND box <= 5 AND due_at < $before
            ORDER BY due_at, bank_id, question_id LIMIT $n
            """, ReadReview, ct, ("$u", userKey), ("$before", before.ToUnixTimeMilliseconds()), ("$n", limit));

    public async Task<int> CountDueReviewsAsync(string userKey, DateTimeOffset before, CancellationToken ct) =>
        (await QueryAsync("SELECT COUNT(*) FROM reviews WHERE user_key = $u AND box <= 5 AND due_at < $before", r => r.GetInt32(0), ct,
            ("$u", userKey), ("$before", before.ToUnixTimeMilliseconds()))).Single();

    public async Task<DateTimeOffset?> GetNextReviewAsync(string userKey, CancellationToken ct) =>
        (await QueryAsync("SELECT MIN(due_at) FROM reviews WHERE user_key = $u AND box <= 5", r => Time(r, 0), ct, ("$u", userKey))).Single();

    public async Task<bool> MoveReviewAsync(string userKey, string bankId, string questionId, int step, int box, DateTimeOffset dueAt, int choice,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ExecAsync(connection, null, """
            UPDATE reviews SET box = $box, due_at = $due, step = step + 1, last_choice = $choice
            WHERE user_key = $u AND bank_id = $b AND question_id = $q AND step = $step
            """, ct, ("$u", userKey), ("$b", bankId), ("$q", questionId), ("$step", step), ("$box", box),
            ("$due", dueAt.ToUnixTimeMilliseconds()), ("$choice", choice)) == 1;
    }

    public async Task DropReviewAsync(string userKey, string bankId, string questionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecAsync(connection, null, "DELETE FROM reviews WHERE user_key = $u AND bank_id = $b AND question_id = $q", ct,
            ("$u", userKey), ("$b", bankId), ("$q", questionId));
    }

    private static ReviewCard ReadReview(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetInt32(5),
            r.IsDBNull(6) ? null : r.GetInt32(6));
}
