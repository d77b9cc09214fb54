namespace QuizBot.Channels.Slack;

// What QuizBot needs to know about a person: the name boards show and whether they may run rounds.
internal sealed record SlackUserInfo(string Id, string Name, bool IsAdmin, bool IsOwner);

// users.info answers for a while (keyed by workspace and user), so a round's worth of answers costs one lookup per person, not one per click.
// Bounded: past Capacity, expired entries go first, then the ones closest to expiring.
internal sealed class SlackUserCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (SlackUserInfo User, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_lock) { return _entries.Count; } }
    }

    public bool TryGet(string id, out SlackUserInfo user)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Expires > time.GetUtcNow())
            {
                user = entry.User;
                return true;
            }
            user = null!;
            return false;
        }
    }

    public void Add(string key, SlackUserInfo user)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_entries.Count >= Capacity && !_entries.ContainsKey(key))
            {
                MakeRoom(now);
            }
            _entries[key] = (user, now + Lifetime);
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.Remove(id);
            }
        }
        // Still full of live entries: drop the oldest tenth in one pass rather than one entry per call.
        if (_entries.Count >= Capacity)
        {
            foreach (var id in _entries.OrderBy(e => e.Value.Expires).Take(Capacity / 10).Select(e => e.Key).ToList())
            {
                _entries.Remove(id);
            }
        }
    }
}
