using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    private const string DisputeColumns =
        "conversation_key, bank_id, question_id, user_key, user_name, reason, text, post_id, session_id, reported_at, decision, new_answer, decided_by, decided_at";

    public async Task<(bool Inserted, DisputeReport? Existing)> AddDisputeAsync(DisputeReport report, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var inserted = await ExecAsync(connection, null, $"""
            INSERT INTO disputes ({DisputeColumns}) VALUES ($c, $b, $q, $u, $name, $reason, $text, $post, $session, $at, NULL, NULL, NULL, NULL)
            ON CONFLICT DO NOTHING
            """, ct,
            ("$c", report.ConversationKey), ("$b", report.BankId), ("$q", report.QuestionId), ("$u", report.UserKey), ("$name", report.UserName),
            ("$reason", (int)report.Reason), ("$text", report.Text), ("$post", report.PostId), ("$session", report.SessionId),
            ("$at", report.ReportedAt.ToUnixTimeMilliseconds()));
        if (inserted == 1)
        {
            return (true, null);
        }
        var existing = await QueryAsync(connection, null,
            $"SELECT {DisputeColumns} FROM disputes WHERE conversation_key = $c AND bank_id = $b AND question_id = $q AND user_key = $u",
            ReadDispute, ct, ("$c", report.ConversationKey), ("$b", report.BankId), ("$q", report.QuestionId), ("$u", report.UserKey));
        return (false, existing.FirstOrDefault());
    }

    public async Task<IReadOnlyList<DisputeReport>> GetOpenDisputesAsync(string conversationKey, int limit, CancellationToken ct) =>
        await QueryAsync($"SELECT {DisputeColumns} FROM disputes WHERE conversation_key = $c AND decision IS NULL ORDER BY reported_at, user_key LIMIT $n",
            ReadDispute, ct, ("$c", conversationKey), ("$n", limit));

    public async Task<IReadOnlyList<DisputeReport>> GetDisputesAsync(string conversationKey, string bankId, string questionId, CancellationToken ct) =>
        await QueryAsync($"SELECT {DisputeColumns} FROM disputes WHERE conversation_key = $c AND bank_id = $b AND question_id = $q ORDER BY reported_at, user_key",
            ReadDispute, ct, ("$c", conversationKey), ("$b", bankId), ("$q", questionId));

    // One transaction: the reports read open are the ones this call decides; a racing call finds none left open.
    public async Task<IReadOnlyList<DisputeReport>> ResolveDisputesAsync(string conversationKey, string bankId, string questionId,
        DisputeDecision decision, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction(deferred: false);
        (string, object?)[] key = [("$c", conversationKey), ("$b", bankId), ("$q", questionId)];
        var open = await QueryAsync(connection, tx,
            $"SELECT {DisputeColumns} FROM disputes WHERE conversation_key = $c AND bank_id = $b AND question_id = $q AND decision IS NULL ORDER BY reported_at, user_key",
            ReadDispute, ct, key);
        await ExecAsync(connection, tx, """
            UPDATE disputes SET decision = $d, new_answer = $a, decided_by = $by, decided_at = $at
            WHERE conversation_key = $c AND bank_id = $b AND question_id = $q AND decision IS NULL
            """, ct, [.. key, ("$d", (int)decision.Verdict), ("$a", decision.NewAnswer), ("$by", decision.DecidedBy), ("$at", decision.At.ToUnixTimeMilliseconds())]);
        await tx.CommitAsync(ct);
        return [.. open.Select(r => r with { Decision = decision })];
    }

    private static DisputeReport ReadDispute(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (DisputeReason)r.GetInt32(5), r.GetString(6),
            r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
            r.IsDBNull(10) ? null : new DisputeDecision((DisputeVerdict)r.GetInt32(10), r.IsDBNull(11) ? null : r.GetInt32(11),
                r.IsDBNull(12) ? "" : r.GetString(12), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13))));
}
