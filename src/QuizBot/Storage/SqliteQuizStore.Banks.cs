using Microsoft.Data.Sqlite;
using QuizBot.Quizzes;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    public async Task<BankVersionWrite> AddBankVersionAsync(QuestionBank bank, DateTimeOffset importedAt, CancellationToken ct)
    {
        var (content, hash) = BankContent.Encode(bank);
        while (true)
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = connection.BeginTransaction();
            var latest = await LatestVersionAsync(connection, tx, bank.Id, ct);
            if (latest is { } l && l.Hash == hash)
            {
                return new BankVersionWrite(l.Version, Unchanged: true);
            }
            var version = (latest?.Version ?? 0) + 1;
            try
            {
                await ExecAsync(connection, tx, """
                    INSERT INTO bank_versions (bank_id, version, title, questions, hash, content, imported_at)
                    VALUES ($id, $version, $title, $questions, $hash, $content, $at)
                    """, ct, ("$id", bank.Id), ("$version", version), ("$title", bank.Title), ("$questions", bank.Questions.Count),
                    ("$hash", hash), ("$content", content), ("$at", importedAt.ToUnixTimeMilliseconds()));
                await tx.CommitAsync(ct);
                return new BankVersionWrite(version, Unchanged: false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                // Another writer (a second instance on the same file) took that version first: read again.
                await tx.RollbackAsync(ct);
            }
        }
    }

    public async Task<IReadOnlyList<StoredBankInfo>> ListBanksAsync(CancellationToken ct) =>
        await QueryAsync("""
            SELECT b.bank_id, b.version, b.title, b.questions, b.imported_at FROM bank_versions b
            WHERE b.version = (SELECT MAX(version) FROM bank_versions WHERE bank_id = b.bank_id) ORDER BY b.bank_id
            """,
            r => new StoredBankInfo(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
            ct);

    public async Task<QuestionBank?> GetBankAsync(string bankId, int? version, CancellationToken ct) =>
        (await QueryAsync(version is null
                ? "SELECT version, content FROM bank_versions WHERE bank_id = $id ORDER BY version DESC LIMIT 1"
                : "SELECT version, content FROM bank_versions WHERE bank_id = $id AND version = $version",
            r => BankContent.Decode((byte[])r.GetValue(1), r.GetInt32(0)),
            ct, ("$id", bankId), ("$version", version)))
        .FirstOrDefault();

    private static async Task<(int Version, string Hash)?> LatestVersionAsync(SqliteConnection connection, SqliteTransaction tx, string bankId,
        CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT version, hash FROM bank_versions WHERE bank_id = $id ORDER BY version DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$id", bankId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1)) : null;
    }
}
