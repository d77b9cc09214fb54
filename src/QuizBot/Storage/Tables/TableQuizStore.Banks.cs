using Azure.Data.Tables;
using QuizBot.Quizzes;

namespace QuizBot.Storage.Tables;

// Banks: one partition per bank id. "head" names the latest version; "v00000003" describes version 3; its content
// (BankContent's gzipped JSON) is split over "c<hash>-0000", "c<hash>-0001", ... rows, since a property holds at most
// 64 KiB. Chunks are keyed by the content's hash, so writing them twice, or two writers with the same content,
// writes the same rows; a version exists once its row and the head are committed together in one transaction.
internal sealed partial class TableQuizStore
{
    private const int ChunkBytes = 64_000;

    public async Task<BankVersionWrite> AddBankVersionAsync(QuestionBank bank, DateTimeOffset importedAt, CancellationToken ct)
    {
        var (content, hash) = BankContent.Encode(bank);
        var chunks = (content.Length + ChunkBytes - 1) / ChunkBytes;
        var written = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var head = await GetAsync(_banks, bank.Id, "head", ct);
            if (head is not null && head.GetString("Hash") == hash)
            {
                return new BankVersionWrite(head.GetInt32("Version")!.Value, Unchanged: true);
            }
            if (!written)
            {
                for (var i = 0; i < chunks; i++)
                {
                    var part = content.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, content.Length - i * ChunkBytes)).ToArray();
                    await _banks.UpsertEntityAsync(new TableEntity(bank.Id, ChunkRow(hash, i)) { ["Data"] = part }, TableUpdateMode.Replace, ct);
                }
                written = true;
            }
            var version = (head?.GetInt32("Version") ?? 0) + 1;
            var described = new TableEntity(bank.Id, VersionRow(version))
            {
                ["Version"] = version,
                ["Hash"] = hash,
                ["Title"] = bank.Title,
                ["Questions"] = bank.Questions.Count,
                ["Chunks"] = chunks,
                ["ImportedAt"] = importedAt,
            };
            var newHead = new TableEntity(described) { RowKey = "head" };
            try
            {
                await SubmitAsync(_banks, [
                    new(TableTransactionActionType.Add, described),
                    head is null ? new(TableTransactionActionType.Add, newHead) : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
                ], ct);
                return new BankVersionWrite(version, Unchanged: false);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer committed a version since the head was read: read it again.
            }
        }
        throw new TableContentionException();
    }

    public async Task<IReadOnlyList<StoredBankInfo>> ListBanksAsync(CancellationToken ct) =>
        [.. (await QueryAsync(_banks, "RowKey eq 'head'", null, ct))
            .Select(e => new StoredBankInfo(e.PartitionKey, e.GetInt32("Version")!.Value, e.GetString("Title"), e.GetInt32("Questions")!.Value,
                e.GetDateTimeOffset("ImportedAt")!.Value))
            .OrderBy(b => b.Id, StringComparer.Ordinal)];

    public async Task<QuestionBank?> GetBankAsync(string bankId, int? version, CancellationToken ct)
    {
        var described = await GetAsync(_banks, bankId, version is { } v ? VersionRow(v) : "head", ct);
        if (described is null)
        {
            return null;
        }
        var hash = described.GetString("Hash");
        var parts = await RangeAsync(_banks, bankId, $"c{hash}-", null, ct);
        if (parts.Count != described.GetInt32("Chunks"))
        {
            throw new InvalidDataException($"Bank {bankId} version {described.GetInt32("Version")} is missing parts of its content.");
        }
        var content = parts.SelectMany(p => p.GetBinary("Data")).ToArray();
        return BankContent.Decode(content, described.GetInt32("Version")!.Value);
    }

    private static string VersionRow(int version) => $"v{version:D8}";

    private static string ChunkRow(string hash, int n) => $"c{hash}-{n:D4}";
}
