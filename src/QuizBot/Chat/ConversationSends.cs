using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace QuizBot.Chat;

internal enum SendOutcome
{
    Sent,
    Failed,
    Gone,
}

// Every proactive send to one conversation goes through here, so a conversation whose channel refuses, hangs or
// answers errors costs only its own work: each send has a deadline, any failure is logged and contained, and a
// conversation that failed rests for a while (one tick at first, doubling up to MaxRest, reset by a success) before
// its updates are tried again, so a dead conversation is neither hammered every tick nor allowed to eat the tick.
// A channel's "gone" that it also says in passing (DeliveryFailedException.GoneIfPersistent) is an ordinary failure
// until it persists: said on at least NotFoundTries tries spanning at least NotFoundSpan, with no success between.
// With the rests that is the try after about 13 minutes, long past a conversation that was only briefly unknown.
// The rests and those failures are kept in memory per instance: another instance, or a restart, simply starts with a
// fresh try (and counts a persisting "gone" from there).
internal sealed partial class ConversationSends(Conversations conversations, TimeProvider time, IOptions<PublishingOptions> options,
    ILogger<ConversationSends> log)
{
    internal static readonly TimeSpan FirstRest = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan MaxRest = TimeSpan.FromMinutes(5);
    internal const int NotFoundTries = 3;
    internal static readonly TimeSpan NotFoundSpan = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Rest> _rests = new();
    private readonly ConcurrentDictionary<string, NotFound> _notFound = new();

    private sealed record Rest(DateTimeOffset Until, TimeSpan Length);

    private sealed record NotFound(DateTimeOffset First, int Tries);

    // True while a conversation that failed should not be sent updates; its work waits for a later tick.
    public bool IsResting(string conversationKey) =>
        _rests.TryGetValue(conversationKey, out var rest) && time.GetUtcNow() < rest.Until;

    public async Task<SendOutcome> SendAsync(string conversationKey, Func<CancellationToken, Task> send, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.SendTimeoutSeconds);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            // WaitAsync as well as the token: a channel that ignores cancellation still cannot hold the tick.
            await send(linked.Token).WaitAsync(linked.Token);
            _rests.TryRemove(conversationKey, out _);
            _notFound.TryRemove(conversationKey, out _);
            return SendOutcome.Sent;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the tick itself is stopping: nothing to record against the conversation
        }
        catch (DeliveryFailedException e) when (e.Gone || e.GoneIfPersistent && Persists(conversationKey))
        {
            LogSendFailed(log, conversationKey, e.Message, e.InnerException);
            _rests.TryRemove(conversationKey, out _);
            _notFound.TryRemove(conversationKey, out _);
            // Blocked, removed or archived: stop posting there until the bot is added again.
            await conversations.ForgetAsync(conversationKey, e.Message, ct);
            return SendOutcome.Gone;
        }
        catch (Exception e)
        {
            // Refused, 5xx/429 past the channel's retries, a hang past the deadline, or a bug in rendering: all the same
            // to the other conversations, which must not wait for this one.
            var reason = deadline.IsCancellationRequested ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
            var rest = _rests.AddOrUpdate(conversationKey,
                _ => new Rest(time.GetUtcNow() + FirstRest, FirstRest),
                (_, last) => Next(last.Length));
            LogSendFailedResting(log, conversationKey, reason, rest.Length.TotalSeconds, e);
            return SendOutcome.Failed;
        }
    }

    // Counts this try; true once the "gone" has been said often enough over long enough.
    private bool Persists(string conversationKey)
    {
        var now = time.GetUtcNow();
        var seen = _notFound.AddOrUpdate(conversationKey, _ => new NotFound(now, 1), (_, last) => last with { Tries = last.Tries + 1 });
        return seen.Tries >= NotFoundTries && now - seen.First >= NotFoundSpan;
    }

    private Rest Next(TimeSpan last)
    {
        var length = last * 2 < MaxRest ? last * 2 : MaxRest;
        return new Rest(time.GetUtcNow() + length, length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to {Conversation} failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string conversation, string reason, Exception? e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to {Conversation} failed: {Reason}; its updates rest for {Seconds} s")]
    private static partial void LogSendFailedResting(ILogger logger, string conversation, string reason, double seconds, Exception e);
}
