using System.Collections.Immutable;

namespace QuizBot.Quizzes;

// The banks a quiz can be taken from, every version of each: what was started on a version (a session, a post) keeps
// reading it after an import makes a newer one. Swapped atomically so readers never see a half-imported bank. Filled
// from the store by BankLibrary at start-up and whenever a version is imported, here or on another instance.
internal sealed class BankCatalog
{
    // Latest: the newest version of each bank by id; Versions: every version held, by (id, version).
    private sealed record State(ImmutableSortedDictionary<string, QuestionBank> Latest, ImmutableDictionary<(string, int), QuestionBank> Versions);

    private State _state = new(ImmutableSortedDictionary<string, QuestionBank>.Empty, ImmutableDictionary<(string, int), QuestionBank>.Empty);

    public BankCatalog(IEnumerable<QuestionBank> banks)
    {
        foreach (var bank in banks)
        {
            Add(bank);
        }
    }

    // The latest version of every bank.
    public IReadOnlyCollection<QuestionBank> All => _state.Latest.Values.ToList();

    public QuestionBank? Get(string id) => _state.Latest.GetValueOrDefault(id);

    // That version of the bank. A version this instance has not loaded yet (imported on another instance within the last
    // refresh) reads as the latest it has; null (started before banks were versioned) is the latest too.
    public QuestionBank? Get(string id, int? version)
    {
        var state = _state;
        return version is { } v && state.Versions.TryGetValue((id, v), out var exact) ? exact : state.Latest.GetValueOrDefault(id);
    }

    public bool Has(string id, int version) => _state.Versions.ContainsKey((id, version));

    // People type titles, ids or a distinctive part of either.
    public QuestionBank? Find(string name)
    {
        name = name.Trim();
        if (Get(name.ToLowerInvariant()) is { } byId)
        {
            return byId;
        }
        var all = All;
        var matches = all.Where(b => b.Title.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = all.Where(b =>
                b.Title.Contains(name, StringComparison.OrdinalIgnoreCase) || b.Id.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return matches.Count == 1 ? matches[0] : null;
    }

    public void Add(QuestionBank bank)
    {
        State current, next;
        do
        {
            current = _state;
            var latest = current.Latest.GetValueOrDefault(bank.Id) is { } held && held.Version > bank.Version ? current.Latest : current.Latest.SetItem(bank.Id, bank);
            next = new State(latest, current.Versions.SetItem((bank.Id, bank.Version), bank));
        }
        while (Interlocked.CompareExchange(ref _state, next, current) != current);
    }

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
