using System.Collections.Immutable;

namespace QuizBot.Quizzes;

// The banks a quiz can be taken from. Swapped atomically so readers never see a half-imported bank.
internal sealed class BankCatalog
{
    private ImmutableSortedDictionary<string, QuestionBank> _banks = ImmutableSortedDictionary<string, QuestionBank>.Empty;

    public BankCatalog(IEnumerable<QuestionBank> banks)
    {
        foreach (var bank in banks)
        {
            Add(bank);
        }
    }

    public IReadOnlyCollection<QuestionBank> All => _banks.Values.ToList();

    public QuestionBank? Get(string id) => _banks.GetValueOrDefault(id);

    // People type titles, ids or a distinctive part of either.
    public QuestionBank? Find(string name)
    {
        name = name.Trim();
        if (_banks.TryGetValue(name.ToLowerInvariant(), out var byId))
        {
            return byId;
        }
        var matches = _banks.Values.Where(b =>
            b.Title.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = _banks.Values.Where(b =>
                b.Title.Contains(name, StringComparison.OrdinalIgnoreCase) || b.Id.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return matches.Count == 1 ? matches[0] : null;
    }

    public void Add(QuestionBank bank) => ImmutableInterlocked.Update(ref _banks, b => b.SetItem(bank.Id, bank));

    public static BankCatalog LoadDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"The question bank folder '{path}' does not exist (QuizBot:BanksPath).");
        }
        var banks = Directory.EnumerateFiles(path, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(BankLoader.Load)
            .ToList();
        var duplicate = banks.GroupBy(b => b.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BankFormatException(path, null, "id", $"two banks share the id '{duplicate.Key}'");
        }
        return new BankCatalog(banks);
    }
}
