using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Telemetry;

namespace QuizBot.Chat;

internal sealed class PublishingOptions
{
    // Names this process in claims, so logs and stored posts show which instance posted what.
    public string Instance { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}

// The proactive side of rounds, for every channel: posts due questions and boards, keeps the shared card's answer
// count fresh (coalesced: at most one update per post per tick), closes posts, and stops posting where a channel says
// the conversation is gone.
internal sealed partial class RoundPublisher(
    IRoundStore store, RoundRunner runner, RoundAnswers answers, Conversations conversations, ChatOutbounds channels,
    TimeProvider time, IOptions<PublishingOptions> options, ILogger<RoundPublisher> log)
{
    private const int PostsInFlight = 32;
    private readonly ConcurrentDictionary<string, byte> _dirty = new();

    // Answers per post as this instance last saw them: the count on an answering person's card, without a store read
    // per answer (the shared card's exact count comes from the store at each flush).
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public string Instance => options.Value.Instance;

    // One scheduler tick: post what is due, close what has ended, refresh the counts that changed.
    public async Task TickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Many conversations can be due at the same minute: post them side by side (a real connector answers in
        // ~100 ms, so one at a time would cap a tick at ~10 posts/s); each channel keeps within its own rate limits.
        var due = await runner.ClaimDueAsync(now, Instance, ct);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = PostsInFlight, CancellationToken = ct },
            async (work, token) => await DoAsync(work, token));
        await CloseDueAsync(now, ct);
        await FlushAsync(ct);
    }

    // `post now`: claims the round's next question outside the schedule and posts it. Null when there is none.
    public async Task<RoundPost?> PostNowAsync(string conversationKey, CancellationToken ct)
    {
        var due = await runner.PostNowAsync(conversationKey, time.GetUtcNow(), Instance, ct);
        if (due is not null)
        {
            await DoAsync(due, ct);
        }
        return due?.View.Post;
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
                try
                {
                    var id = await target.Value.Channel.PostAsync(target.Value.Address, new ChatView.RoundQuestion(q.View, []), ct);
                    await runner.PostedAsync(q.View.Post.Id, id, time.GetUtcNow(), ct);
                    QuizBotTelemetry.PostSent();
                }
                catch (DeliveryFailedException e)
                {
                    // Past the channel's retries: this slot's post is given up, the rest of the tick goes on.
                    QuizBotTelemetry.PostFailed();
                    await runner.FailedAsync(q.View.Post.Id, ct);
                    await FailedAsync(work.ConversationKey, e, ct);
                }
                break;
            case DueWork.PostBoard b when target is not null:
                try
                {
                    await target.Value.Channel.PostAsync(target.Value.Address, new ChatView.Board(b.Board), ct);
                }
                catch (DeliveryFailedException e)
                {
                    await FailedAsync(work.ConversationKey, e, ct);
                }
                break;
        }
    }

    // Called after an accepted answer: the shared card will show the new count at the next flush.
    public void MarkChanged(string postId)
    {
        _dirty.TryAdd(postId, 0);
        _counts.AddOrUpdate(postId, _ => 0, (_, n) => n + 1);
    }

    public async Task<int> KnownCountAsync(string postId, CancellationToken ct)
    {
        if (_counts.TryGetValue(postId, out var n) && n > 0)
        {
            return n;
        }
        var count = await answers.CountAsync(postId, ct);
        return _counts.AddOrUpdate(postId, count, (_, known) => Math.Max(known, count));
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var postId in _dirty.Keys)
        {
            _dirty.TryRemove(postId, out _);
            // The latest answerers keep their own view on the card, as many as the channel can show.
            var view = await answers.SharedViewAsync(postId, Math.Max(Wording.RecentNamesShown, channels.MaxPersonalViews), ct);
            if (view?.Post is not { State: PostState.Posted, MessageId: { } messageId } post
                || await TargetAsync(post.ConversationKey, ct) is not { } target)
            {
                continue;
            }
            _counts[postId] = view.Answers;
            var personal = (view.RecentKeys ?? []).Take(target.Channel.PersonalViewLimit).ToList();
            await UpdateAsync(target, post.ConversationKey, messageId, new ChatView.RoundQuestion(view, personal), ct);
        }
    }

    // Closes every post whose window has ended and shows everyone the outcome on the original message.
    public async Task CloseDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var post in await store.GetPostsToCloseAsync(now, ct))
        {
            var closed = await answers.CloseAsync(post, ct);
            if (closed is null)
            {
                continue;
            }
            QuizBotTelemetry.PostClosed();
            _dirty.TryRemove(post.Id, out _);
            _counts.TryRemove(post.Id, out _);
            if (closed.Post.MessageId is { } messageId && await TargetAsync(post.ConversationKey, ct) is { } target)
            {
                await UpdateAsync(target, post.ConversationKey, messageId, new ChatView.RoundClosed(closed), ct);
            }
            await store.MarkClosedCardSentAsync(post.Id, ct);
        }
    }

    private async Task UpdateAsync((IChatOutbound Channel, string Address) target, string conversationKey, string messageId, ChatView view,
        CancellationToken ct)
    {
        try
        {
            await target.Channel.UpdateAsync(target.Address, messageId, view, ct);
        }
        catch (DeliveryFailedException e)
        {
            await FailedAsync(conversationKey, e, ct);
        }
    }

    private async Task<(IChatOutbound Channel, string Address)?> TargetAsync(string conversationKey, CancellationToken ct) =>
        channels.For(conversationKey) is { } channel && await conversations.AddressAsync(conversationKey, ct) is { } address
            ? (channel, address)
            : null;

    private async Task FailedAsync(string conversationKey, DeliveryFailedException e, CancellationToken ct)
    {
        LogSendFailed(log, conversationKey, e.Message, e.InnerException);
        if (e.Gone)
        {
            // Blocked, removed or archived: stop posting there until the bot is added again.
            await conversations.ForgetAsync(conversationKey, e.Message, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No conversation address is stored for {Conversation}; the post is marked failed")]
    private static partial void LogNoAddress(ILogger logger, string conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to {Conversation} failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string conversation, string reason, Exception? e);
}
