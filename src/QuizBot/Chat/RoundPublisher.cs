using Microsoft.Extensions.Options;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Telemetry;

namespace QuizBot.Chat;

internal sealed class PublishingOptions
{
    // Names this process in claims, so logs and stored posts show which instance posted what.
    public string Instance { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    // The deadline of one proactive send (post, count update, closed card), the channel's own retries included: past
    // it the send counts as failed, so a conversation that never answers cannot hold up a tick for longer.
    public double SendTimeoutSeconds { get; set; } = 20;

    // How long a claim of a slot holds (the card's send and the mark that it was posted) before a tick, here or on another
    // instance, takes the send's outcome as unknown and resolves the post. Above SendTimeoutSeconds with room to spare.
    public double ClaimLeaseSeconds { get; set; } = 120;
}

// The proactive side of rounds, for every channel: posts due questions and boards, keeps the shared card's answer
// count fresh (coalesced: at most one update per post per tick), closes posts, and stops posting where a channel says
// the conversation is gone. Each conversation's work in a tick runs on its own lane, side by side with the others, so
// one conversation's failing or hanging channel delays only that conversation.
internal sealed partial class RoundPublisher(
    IRoundStore store, RoundRunner runner, RoundAnswers answers, Conversations conversations, ChatOutbounds channels,
    ConversationSends sends, TimeProvider time, IOptions<PublishingOptions> options, ILogger<RoundPublisher> log)
{
    private const int LanesInFlight = 32;

    // Marking a sent post posted is tried this often before the lease is left to resolve it.
    private const int MarkPostedAttempts = 3;

    public string Instance => options.Value.Instance;

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds);

    private sealed record Lane(string ConversationKey, List<DueWork> Due, List<RoundPost> Closing, List<string> Dirty);

    // One scheduler tick: post what is due, close what has ended, refresh the counts that changed. Many conversations
    // can be due at the same minute: they run side by side (a real connector answers in ~100 ms, so one at a time would
    // cap a tick at ~10 posts/s); each channel keeps within its own rate limits. Due rounds are claimed one at a time
    // as lanes free up, so the first posts leave while later rounds are still being claimed.
    public async Task TickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A store failure in one read must not stop the other kinds of work.
        await ReadAsync("resolving lapsed claims", () => runner.ResolveLapsedClaimsAsync(now, ct), ct);
        // Listed before the claims (as before them, nothing claimed now closes now), so that each conversation's
        // closes and counts join its claimed posts in one lane.
        var closing = await ReadAsync("listing posts to close", () => store.GetPostsToCloseAsync(now, ct), ct) ?? [];
        var others = new Dictionary<string, Lane>();
        Lane For(string key) => others.TryGetValue(key, out var lane) ? lane : others[key] = new Lane(key, [], [], []);
        foreach (var post in closing)
        {
            For(post.ConversationKey).Closing.Add(post);
        }
        foreach (var (postId, conversationKey) in _dirty)
        {
            if (_dirty.TryRemove(postId, out _))
            {
                For(conversationKey).Dirty.Add(postId);
            }
        }
        await Parallel.ForEachAsync(LanesAsync(now, others, ct), new ParallelOptions { MaxDegreeOfParallelism = LanesInFlight, CancellationToken = ct },
            async (lane, token) => await RunAsync(lane, now, token));
    }

    // The lanes of the conversations with a claimed post, each as its claim succeeds, then those with only closes and
    // counts (as before, behind every due post). A claim that fails ends the claiming for this tick, not the tick:
    // the rounds not yet claimed stay due for the next one.
    private async IAsyncEnumerable<Lane> LanesAsync(DateTimeOffset now, Dictionary<string, Lane> others,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var claims = runner.ClaimDueEachAsync(now, Instance, Lease, ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                IReadOnlyList<DueWork> due;
                try
                {
                    if (!await claims.MoveNextAsync())
                    {
                        break;
                    }
                    due = claims.Current;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogReadFailed(log, "claiming due posts", e);
                    break;
                }
                var key = due[0].ConversationKey;
                var lane = others.Remove(key, out var other) ? other : new Lane(key, [], [], []);
                lane.Due.AddRange(due);
                yield return lane;
            }
        }
        finally
        {
            await claims.DisposeAsync();
        }
        foreach (var lane in others.Values)
        {
            yield return lane;
        }
    }

    // `post now`: claims the round's next question outside the schedule and posts it. Null when there is none.
    public async Task<RoundPost?> PostNowAsync(string conversationKey, CancellationToken ct) =>
        (await PostNowAsync(conversationKey, null, ct)) is PostNow.Claimed claimed ? claimed.Work.View.Post : null;

    // turnId: the channel's id of the command (see RoundRunner.PostNowAsync); a repeat of it posts nothing.
    public async Task<PostNow> PostNowAsync(string conversationKey, string? turnId, CancellationToken ct)
    {
        var outcome = await runner.PostNowAsync(conversationKey, turnId, time.GetUtcNow(), Instance, Lease, ct);
        if (outcome is PostNow.Claimed claimed)
        {
            await DoAsync(claimed.Work, ct);
        }
        return outcome;
    }

    public async Task DoAsync(DueWork work, CancellationToken ct)
    {
        var target = await TargetAsync(work.ConversationKey, ct);
        switch (work)
        {
            case DueWork.PostQuestion q when target is null:
                LogNoAddress(log, work.ConversationKey);
                await runner.FailedAsync(q.View.Post.Id, ct);
                break;
            case DueWork.PostQuestion q:
                string? id = null;
                var view = new ChatView.RoundQuestion(q.View, []);
                if (await sends.SendAsync(work.ConversationKey, async t => id = await target.Value.Channel.PostAsync(target.Value.Address, view, t), ct)
                    == SendOutcome.Sent)
                {
                    await MarkPostedAsync(q.View.Post.Id, id, ct);
                    QuizBotTelemetry.PostSent();
                }
                else
                {
                    // Past the channel's retries or its deadline: this slot's post is given up, the rest of the tick goes on.
                    QuizBotTelemetry.PostFailed();
                    await runner.FailedAsync(q.View.Post.Id, ct);
                }
                break;
            case DueWork.PostBoard b when target is not null:
                await sends.SendAsync(work.ConversationKey, t => target.Value.Channel.PostAsync(target.Value.Address, new ChatView.Board(b.Board), t), ct);
                break;
        }
    }

    // The card is in the channel: a store error now would leave the post Claimed until its lease lapses (clicks would
    // still open it), so the mark is tried again at once; the store's own client already waits within each attempt.
    private async Task MarkPostedAsync(string postId, string? messageId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await runner.PostedAsync(postId, messageId, time.GetUtcNow(), ct);
                return;
            }
            catch (StoreUnavailableException e) when (attempt < MarkPostedAttempts && !ct.IsCancellationRequested)
            {
                LogMarkPostedRetried(log, postId, attempt, e);
            }
        }
    }

    // One conversation's work, in order: posts, then closes, then counts (a count never lands on a closed card).
    // Each item is contained: whatever one throws is logged and the next goes on.
    private async Task RunAsync(Lane lane, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var work in lane.Due)
        {
            await ContainAsync(lane.ConversationKey, () => DoAsync(work, ct), ct);
        }
        foreach (var post in lane.Closing)
        {
            await ContainAsync(lane.ConversationKey, () => CloseAsync(post, now, ct), ct);
        }
        foreach (var postId in lane.Dirty)
        {
            await ContainAsync(lane.ConversationKey, () => FlushAsync(postId, lane.ConversationKey, ct), ct);
        }
    }

    private async Task<(IChatOutbound Channel, string Address)?> TargetAsync(string conversationKey, CancellationToken ct) =>
        channels.For(conversationKey) is { } channel && await conversations.AddressAsync(conversationKey, ct) is { } address
            ? (channel, address)
            : null;

    private async Task ContainAsync(string conversationKey, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A store hiccup or a bug in one conversation's work: the others go on, and this one is retried next tick.
            LogWorkFailed(log, conversationKey, e);
        }
    }

    private async Task<T?> ReadAsync<T>(string what, Func<Task<T>> read, CancellationToken ct) where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogReadFailed(log, what, e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marking post {Post} posted failed (attempt {Attempt}); trying again")]
    private static partial void LogMarkPostedRetried(ILogger logger, string post, int attempt, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No conversation address is stored for {Conversation}; the post is marked failed")]
    private static partial void LogNoAddress(ILogger logger, string conversation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Round work for {Conversation} failed; it is retried at a later tick")]
    private static partial void LogWorkFailed(ILogger logger, string conversation, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler tick failed {What}; the rest of the tick goes on")]
    private static partial void LogReadFailed(ILogger logger, string what, Exception e);
}
