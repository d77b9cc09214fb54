using QuizBot.Storage;

namespace QuizBot.Quizzes.Banks;

// Version: the bank's version in the store after the import; Unchanged: the file held the questions of the current
// version, so no new version was made.
internal sealed record BankImportResult(QuestionBank Bank, int Version, bool Unchanged, IReadOnlyList<SkippedItem> Skipped);

// The banks in the store: imports make new versions, which the catalog serves. The files in the banks folder seed the
// store at start-up; a broken one is reported (log and readiness) and skipped, and its bank keeps its last good version.
internal sealed partial class BankLibrary(IBankStore store, BankCatalog catalog, TimeProvider time, ILogger<BankLibrary> log)
{
    // What the last seeding could not read, one sentence per file naming the file, line or question, and field.
    public IReadOnlyList<string> SeedProblems { get; private set; } = [];

    // Reads the file (format from the name when null) and stores it as the bank's next version. A broken file throws
    // BankFormatException and stores nothing.
    public async Task<BankImportResult> ImportAsync(byte[] content, string fileName, BankFormat? format, string? id, CancellationToken ct)
    {
        var chosen = format ?? FormatOf(fileName) ?? throw new BankFormatException(fileName, null, null,
            "the file name does not say its format: name it .json, .gift, .txt (Aiken), .csv or .xlsx, or give the format");
        var import = BankFiles.Read(content, fileName, chosen, id);
        var bank = import.Bank;
        // Only a JSON bank states its title and description; the other formats' title comes from a category or the file
        // name, so a new version of an existing bank keeps the ones it has (a GIFT export imported again is unchanged).
        if (chosen != BankFormat.Json && await store.GetBankAsync(bank.Id, null, ct) is { } current)
        {
            bank = bank with { Title = current.Title, Description = current.Description };
        }
        var write = await SaveAsync(bank, ct);
        return new BankImportResult(bank with { Version = write.Version }, write.Version, write.Unchanged, import.Skipped);
    }

    // Stores a new version of the bank whose question has that right answer (a dispute accepted with a new answer);
    // returns the new version, or null when the bank or question no longer exists.
    public async Task<int?> SetAnswerAsync(string bankId, string questionId, int answer, CancellationToken ct)
    {
        var bank = await store.GetBankAsync(bankId, null, ct);
        var index = bank?.IndexOf(questionId) ?? -1;
        if (bank is null || index < 0)
        {
            return null;
        }
        var question = bank.Questions[index];
        if (answer < 0 || answer >= question.Choices.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(answer), $"Question {questionId} has {question.Choices.Count} choices.");
        }
        var questions = bank.Questions.ToArray();
        questions[index] = question with { Answer = answer };
        return (await SaveAsync(bank with { Questions = questions }, ct)).Version;
    }

    public Task<IReadOnlyList<StoredBankInfo>> ListAsync(CancellationToken ct) => store.ListBanksAsync(ct);

    // The bank (null version: the latest) in a file format, or null when there is no such bank or version.
    public async Task<byte[]?> ExportAsync(string bankId, int? version, BankFormat format, CancellationToken ct) =>
        await store.GetBankAsync(bankId, version, ct) is { } bank ? BankFiles.Write(bank, format) : null;

    // Imports every bank file of the folder whose questions differ from its bank's latest version.
    public async Task SeedAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The question bank folder '{folder}' does not exist (QuizBot:BanksPath).");
        }
        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase) || name.StartsWith('.') || FormatOf(name) is not { } format)
            {
                continue;
            }
            try
            {
                var info = new FileInfo(path);
                if (info.Length > BankFiles.MaxBytes)
                {
                    throw new BankFormatException(name, null, null, $"the file is {info.Length} bytes; at most {BankFiles.MaxBytes} are allowed");
                }
                var import = BankFiles.Read(await File.ReadAllBytesAsync(path, ct), name, format);
                if (seen.TryGetValue(import.Bank.Id, out var first))
                {
                    throw new BankFormatException(name, null, "id", $"the bank id '{import.Bank.Id}' is already seeded from {first}");
                }
                seen[import.Bank.Id] = name;
                var write = await SaveAsync(import.Bank, ct);
                if (!write.Unchanged)
                {
                    LogSeeded(log, name, import.Bank.Id, write.Version);
                }
            }
            catch (BankFormatException e)
            {
                problems.Add(e.Message);
                LogSeedFailed(log, name, e.Message);
            }
        }
        SeedProblems = problems;
    }

    // Loads into the catalog every version in the store it does not hold yet: at start-up, then on each refresh, which is
    // how an import on another instance reaches this one.
    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var head in await store.ListBanksAsync(ct))
        {
            for (var v = head.Version; v >= 1 && !catalog.Has(head.Id, v); v--)
            {
                if (await store.GetBankAsync(head.Id, v, ct) is { } bank)
                {
                    catalog.Add(bank);
                }
            }
        }
    }

    private async Task<BankVersionWrite> SaveAsync(QuestionBank bank, CancellationToken ct)
    {
        var write = await store.AddBankVersionAsync(bank with { Version = 0 }, time.GetUtcNow(), ct);
        if (!catalog.Has(bank.Id, write.Version))
        {
            catalog.Add(write.Unchanged ? await store.GetBankAsync(bank.Id, write.Version, ct) ?? bank with { Version = write.Version }
                : bank with { Version = write.Version });
        }
        return write;
    }

    private static BankFormat? FormatOf(string fileName) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? BankFormat.Json : BankFiles.FormatOf(fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank file {File} seeded bank {Bank} version {Version}")]
    private static partial void LogSeeded(ILogger logger, string file, string bank, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bank file {File} was skipped; its bank keeps its last good version: {Problem}")]
    private static partial void LogSeedFailed(ILogger logger, string file, string problem);
}
