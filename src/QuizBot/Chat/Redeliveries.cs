using System.Collections.Concurrent;
using QuizBot.Http;
using QuizBot.Storage;

namespace QuizBot.Chat;

// What a delivery turned out to be: the one that does the work, a redelivery of work done (it gets the first answer
// again and runs nothing), or a redelivery of work still running (the channel is asked to try again later).
internal abstract record Delivery
{
    // Holder is null for a delivery kept on this instance only (see BeginAsync).
    public sealed record First(string Key, string? Holder) : Delivery;

    public sealed record Again(byte[]? Answer) : Delivery;

    public sealed record Busy : Delivery
    {
        public static readonly Busy Instance = new();
    }
}

// Channels redeliver a request (Teams: the same activity id; Slack: the same event id) when our answer was slow, lost
// or an error, and the redelivery may land on any instance. The record of who took it is in the store (IDeliveryStore),
// so every instance recognises it; a redelivery on the instance that runs the first one waits here a little for it
// without asking the store. A first delivery that fails clears its record, so the next redelivery does the work; one
// whose instance died holds it only for the Lease.
internal sealed partial class Redeliveries(IDeliveryStore store, TimeProvider time, ILogger<Redeliveries> log)
{
    // Longer than any turn takes (each store call and send has its own deadline well inside it); past it the instance
    // that took the delivery is presumed dead and a redelivery does the work.
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    // Channels redeliver within minutes (Slack's last retry comes about 5 minutes after the first delivery).
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);

    // How long a redelivery waits for the first one on this instance before it asks the channel to try again: well
    // inside the channel's own timeout (Teams waits 15 s, Slack 3 s but acknowledges first).
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    // Invoke answers are cards (Teams caps them at 28 KB); one larger than a table property holds is not kept.
    private const int MaxAnswerBytes = 60 * 1024;
    private const int MaxLocal = 10_000;

    private readonly ConcurrentDictionary<string, Local> _local = new(StringComparer.Ordinal);

    // The entries in _local, kept here: ConcurrentDictionary.Count takes every one of its locks, on every request.
    private int _count;
    private int _pruning;

    // One delivery this instance took, running until its outcome is set. A burst's clicks each leave one behind for
    // minutes (long enough to reach the GC's oldest generation), and almost none is ever asked about again: so it is one
    // small object, and a completion source is made only for a redelivery that comes while the first one still runs.
    private sealed class Local(DateTimeOffset at)
    {
        private static readonly object Failed = new();
        private static readonly object NoAnswer = new();

        // Null while running; then Failed, NoAnswer or the answer (IAnswerBytes).
        private object? _outcome;
        private TaskCompletionSource<object>? _waiting;

        public DateTimeOffset At { get; } = at;

        public bool Finished => Volatile.Read(ref _outcome) is not null;

        public void Finish(IAnswerBytes? answer) => Set(answer ?? NoAnswer);

        public void Fail() => Set(Failed);

        private void Set(object outcome)
        {
            if (Interlocked.CompareExchange(ref _outcome, outcome, null) is null)
            {
                Volatile.Read(ref _waiting)?.TrySetResult(outcome);
            }
        }

        // Done: false when the first delivery failed. Throws TimeoutException when it still runs after `wait`.
        public async Task<(bool Done, IAnswerBytes? Answer)> OutcomeAsync(TimeSpan wait, TimeProvider time, CancellationToken ct)
        {
            var outcome = Volatile.Read(ref _outcome);
            if (outcome is null)
            {
                var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                var waiting = Interlocked.CompareExchange(ref _waiting, mine, null) ?? mine;
                // Set may have run between the first read and the completion source's arrival: it is seen here then.
                if (Volatile.Read(ref _outcome) is { } set)
                {
                    waiting.TrySetResult(set);
                }
                outcome = await waiting.Task.WaitAsync(wait, time, ct);
            }
            return outcome == Failed ? (false, null) : (true, outcome as IAnswerBytes);
        }
    }

    // durable false: work the stores already make idempotent by their own keys (an answer click: one answer per person
    // and question), remembered on this instance only, so the click path costs no store write.
    public async Task<Delivery> BeginAsync(string key, bool durable, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_local.TryGetValue(key, out var local) && now - local.At < Keep)
        {
            try
            {
                if (await local.OutcomeAsync(Wait, time, ct) is (true, var answer))
                {
                    return new Delivery.Again(answer?.ToArray());
                }
                // The first one failed: this one does the work (its record in the store is gone too).
            }
            catch (TimeoutException)
            {
                return Delivery.Busy.Instance;
            }
        }
        string? holder = null;
        if (durable)
        {
            holder = Guid.NewGuid().ToString("N");
            var record = await store.TakeDeliveryAsync(new DeliveryClaim(key, holder, now, now + Lease, now + Keep), ct);
            switch (record.State)
            {
                case DeliveryState.Done:
                    return new Delivery.Again(record.Answer);
                case DeliveryState.Running:
                    return Delivery.Busy.Instance;
            }
        }
        var entry = new Local(now);
        if (!_local.TryAdd(key, entry))
        {
            // An expired entry for the same key: the new one takes its place.
            _local[key] = entry;
        }
        else if (Interlocked.Increment(ref _count) > MaxLocal)
        {
            Prune(now);
        }
        return new Delivery.First(key, holder);
    }

    // The work is done; answer is what a redelivery gets (the invoke answer, or null for none).
    public async Task CompleteAsync(Delivery.First first, IAnswerBytes? answer)
    {
        if (_local.TryGetValue(first.Key, out var local))
        {
            local.Finish(answer);
        }
        if (first.Holder is null)
        {
            return;
        }
        try
        {
            var bytes = answer?.ToArray();
            await store.CompleteDeliveryAsync(first.Key, first.Holder, bytes is { Length: <= MaxAnswerBytes } ? bytes : null,
                time.GetUtcNow() + Keep, CancellationToken.None);
        }
        catch (StoreUnavailableException e)
        {
            // The work is done and answered; the record stays running until its lease ends, and only a redelivery after
            // that (on another instance: this one remembers) would run it again.
            LogCompleteFailed(log, e);
        }
    }

    // The work failed: the next delivery does it.
    public async Task FailAsync(Delivery.First first)
    {
        Remove(first.Key)?.Fail();
        if (first.Holder is null)
        {
            return;
        }
        try
        {
            await store.ReleaseDeliveryAsync(first.Key, first.Holder, CancellationToken.None);
        }
        catch (StoreUnavailableException e)
        {
            // Redeliveries are told to try again until the lease ends, and then do the work.
            LogReleaseFailed(log, e);
        }
    }

    private Local? Remove(string key)
    {
        if (!_local.TryRemove(key, out var local))
        {
            return null;
        }
        Interlocked.Decrement(ref _count);
        return local;
    }

    // Past MaxLocal: one pass drops what is past Keep, then finished entries until half are left, and sets the count to
    // what it saw (so a count that drifted in a race mends here). One pass at a time; requests that find one running
    // carry on.
    private void Prune(DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1)
        {
            return;
        }
        try
        {
            var excess = Volatile.Read(ref _count) - MaxLocal / 2;
            var left = 0;
            foreach (var (key, entry) in _local)
            {
                var expired = now - entry.At > Keep;
                if ((expired || excess > 0 && entry.Finished) && _local.TryRemove(new KeyValuePair<string, Local>(key, entry)))
                {
                    excess--;
                }
                else
                {
                    left++;
                }
            }
            Volatile.Write(ref _count, left);
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery's work is done but its record could not be completed")]
    private static partial void LogCompleteFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed delivery's record could not be released; redeliveries wait for its lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception e);
}
