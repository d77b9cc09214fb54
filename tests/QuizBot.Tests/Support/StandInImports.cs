using System.Collections.Concurrent;
using System.Text.Json;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;

namespace QuizBot.Tests.Support;

// Until the bank library lands: imports QuizBot JSON with the real reader into the real catalog (so the bank can be
// started), numbering versions per bank id and saying "unchanged" for the same questions again. Only the seam.
internal sealed class StandInImports(BankCatalog catalog) : IBankImports
{
    private readonly ConcurrentDictionary<string, (int Version, string Questions)> _versions = new(StringComparer.Ordinal);

    public BankFormat? FormatOf(string fileName) =>
        Path.GetExtension(fileName).Equals(".json", StringComparison.OrdinalIgnoreCase) ? BankFormat.Json : null;

    public Task<BankImportResult> ImportAsync(byte[] content, string fileName, BankFormat format, CancellationToken ct)
    {
        var bank = BankLoader.Parse(content, fileName);
        var questions = JsonSerializer.Serialize(bank.Questions);
        var before = _versions.GetValueOrDefault(bank.Id);
        if (before.Questions == questions)
        {
            return Task.FromResult(new BankImportResult(bank, before.Version, true, []));
        }
        _versions[bank.Id] = (before.Version + 1, questions);
        catalog.Add(bank);
        return Task.FromResult(new BankImportResult(bank, before.Version + 1, false, []));
    }
}
