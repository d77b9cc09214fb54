using System.Collections.Concurrent;
using QuizBot.Quizzes.Rounds;
using QuizBot.Telemetry;

namespace QuizBot.Chat;

// Keeping posted cards current: the live answer count and the closed card, both retried while a conversation fails.
internal sealed partial class RoundPublisher
{
    // A closed card a conversation could not take is retried at later ticks for this long, then given up: the close
    // itself (tally, boards) is stored long before, only the card on the original message stays stale.
    private static readonly TimeSpan ClosedCardRetries = TimeSpan.FromDays(1);

    // Posts whose count changed since the last flush, with their conversation (the lane that flushes them).
    private readonly ConcurrentDictionary<string, string> _dirty = new();

    // Answers per post as this instance last saw them: the count on an answering person's card, without a store read
    // per answer (the shared card's exact count comes from the store at each flush).
    private readonly ConcurrentDictionary<string, int> _counts = new();

    // Called after an accepted answer: the shared card will show the new count at the next flush.
    public void MarkChanged(string postId, string conversationKey)
    {
        _dirty.TryAdd(postId, conversationKey);
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

    private async Task FlushAsync(string postId, string conversationKey, CancellationToken ct)
    {
        if (sends.IsResting(conversationKey))
        {
            _dirty.TryAdd(postId, conversationKey); // shown once the conversation takes sends again
            return;
        }
        // The latest answerers keep their own view on the card, as many as the channel can show.
        var view = await answers.SharedViewAsync(postId, Math.Max(Wording.RecentNamesShown, channels.MaxPersonalViews), ct);
        if (view?.Post is not { State: PostState.Posted, MessageId: { } messageId }
            || await TargetAsync(conversationKey, ct) is not { } target)
        {
            return;
        }
        _counts[postId] = view.Answers;
        var personal = (view.RecentKeys ?? []).Take(target.Channel.PersonalViewLimit).ToList();
        var card = new ChatView.RoundQuestion(view, personal);
        if (await sends.SendAsync(conversationKey, t => target.Channel.UpdateAsync(target.Address, messageId, card, t), ct) == SendOutcome.Failed)
        {
            _dirty.TryAdd(postId, conversationKey);
        }
    }

    // Closes a post whose window has ended and shows everyone the outcome on the original message. The close in the
    // store (tally, boards) never waits for the channel; the card is retried at later ticks until it is sent.
    private async Task CloseAsync(RoundPost post, DateTimeOffset now, CancellationToken ct)
    {
        var closed = await answers.CloseAsync(post, ct);
        if (closed is null)
        {
            return;
        }
        if (closed is PostClose.Voided { Withdrawn: true })
        {
            LogVoided(log, post.Id, post.ConversationKey);
        }
        else if (closed is PostClose.Voided)
        {
            LogUnanswered(log, post.Id, post.ConversationKey);
        }
        else if (post.State == PostState.Posted)
        {
            QuizBotTelemetry.PostClosed();
        }
        _dirty.TryRemove(post.Id, out _);
        _counts.TryRemove(post.Id, out _);
        if (closed.Post.MessageId is { } messageId && await TargetAsync(post.ConversationKey, ct) is { } target)
        {
            var retrying = now - post.ClosesAt < ClosedCardRetries;
            if (retrying && sends.IsResting(post.ConversationKey))
            {
                return;
            }
            ChatView card = closed switch
            {
                PostClose.Closed c => new ChatView.RoundClosed(c.View),
                _ => new ChatView.Text(Wording.Withdrawn(((PostClose.Voided)closed).BankTitle)),
            };
            if (await sends.SendAsync(post.ConversationKey, t => target.Channel.UpdateAsync(target.Address, messageId, card, t), ct)
                    == SendOutcome.Failed && retrying)
            {
                return;
            }
        }
        await store.MarkClosedCardSentAsync(post.Id, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {Post} in {Conversation} counts for nobody: its question was withdrawn from the bank")]
    private static partial void LogVoided(ILogger logger, string post, string conversation);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Post {Post} in {Conversation} counts for nobody: it was opened after its claim lapsed (its card may never have arrived) and nobody answered")]
    private static partial void LogUnanswered(ILogger logger, string post, string conversation);
}
