using System.Collections.Concurrent;

namespace QuizBot.Chat;

// Channels redeliver a request (Teams: the same activity id; Slack: the same event id) when our answer was slow or lost.
// The first delivery does the work; a redelivery gets the first one's answer bytes (or nothing) and runs nothing.
// Per instance and bounded; across instances the stores' business keys (one answer per person per question) still hold.
internal sealed class Redeliveries(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _seen = new(StringComparer.Ordinal);

    private sealed record Entry(TaskCompletionSource<byte[]?> Answer, DateTimeOffset At);

    // True when this is the first delivery: call Complete with its invoke answer (null for none) when done.
    public bool TryBegin(string key, out Task<byte[]?> firstAnswer)
    {
        var now = time.GetUtcNow();
        var mine = new Entry(new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously), now);
        var entry = _seen.GetOrAdd(key, mine);
        if (ReferenceEquals(entry, mine))
        {
            if (_seen.Count > MaxEntries)
            {
                Prune(now);
            }
            firstAnswer = mine.Answer.Task;
            return true;
        }
        if (now - entry.At > Keep)
        {
            // Old enough to be a new conversation turn with a recycled id: treat it as new.
            _seen[key] = mine;
            firstAnswer = mine.Answer.Task;
            return true;
        }
        firstAnswer = entry.Answer.Task;
        return false;
    }

    public void Complete(string key, byte[]? invokeAnswer)
    {
        if (_seen.TryGetValue(key, out var entry))
        {
            entry.Answer.TrySetResult(invokeAnswer);
        }
    }

    // The first delivery failed: let a redelivery try again.
    public void Forget(string key)
    {
        if (_seen.TryRemove(key, out var entry))
        {
            entry.Answer.TrySetResult(null);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _seen)
        {
            if (now - entry.At > Keep || _seen.Count > MaxEntries / 2 && entry.Answer.Task.IsCompleted)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
