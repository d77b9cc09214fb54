using System.Collections.Concurrent;
using System.Text.Json;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Channels.Teams.Auth;

namespace QuizBot.Channels.Teams;

// The proactive side of rounds: posts due questions and boards into their conversations, keeps the shared
// card's answer count fresh (coalesced: at most one update per post per scheduler tick), and closes cards.
internal sealed partial class RoundPoster(
    IQuizStore store, RoundRunner runner, RoundAnswers answers, RoundCards cards, ConnectorClient connector,
    TrustedServiceUrls trusted, TimeProvider time, ILogger<RoundPoster> log)
{
    private readonly ConcurrentDictionary<string, byte> _dirty = new();

    // Answers per post as this instance last saw them: the count on an answering person's card, without a store read
    // per answer (the shared card's exact count comes from the store at each flush).
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public static string SerializeAddress(ConversationAddress address) => JsonSerializer.Serialize(address, BotJson.Default.ConversationAddress);

    public async Task<ConversationAddress?> AddressAsync(string conversationKey, CancellationToken ct)
    {
        var record = await store.GetConversationAsync(conversationKey, ct);
        if (record is null || record.Blocked || JsonSerializer.Deserialize(record.Address, BotJson.Default.ConversationAddress) is not { } address)
        {
            return null;
        }
        // Stored only from authenticated activities, so its serviceUrl stays trusted across restarts.
        trusted.Trust(address.ServiceUrl);
        return address;
    }

    public async Task DoAsync(DueWork work, CancellationToken ct)
    {
        var to = await AddressAsync(work.ConversationKey, ct);
        switch (work)
        {
            case DueWork.PostQuestion q when to is null:
                LogNoAddress(log, work.ConversationKey);
                await runner.FailedAsync(q.View.Post.Id, ct);
                break;
            case DueWork.PostQuestion q:
                try
                {
                    var id = await connector.SendAsync(to, to.Message(null, cards.Question(q.View, to.ChannelId, [])), ct);
                    await runner.PostedAsync(q.View.Post.Id, id, time.GetUtcNow(), ct);
                }
                catch (ConnectorException e)
                {
                    await runner.FailedAsync(q.View.Post.Id, ct);
                    await FailedAsync(work.ConversationKey, e, ct);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException
                    || e is OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // Network trouble past the retries, or a service URL no longer trusted: this slot's post is given up,
                    // the rest of the tick goes on.
                    LogPostFailed(log, work.ConversationKey, e);
                    await runner.FailedAsync(q.View.Post.Id, ct);
                }
                break;
            case DueWork.PostBoard b when to is not null:
                try
                {
                    await connector.SendAsync(to, to.Message(null, cards.Board(b.Board)), ct);
                }
                catch (ConnectorException e)
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
            var view = await answers.SharedViewAsync(postId, ct);
            if (view?.Post is not { State: PostState.Posted, MessageId: { } messageId } || await AddressAsync(view.Post.ConversationKey, ct) is not { } to)
            {
                continue;
            }
            _counts[postId] = view.Answers;
            var userIds = (view.RecentKeys ?? []).Select(k => ChannelUserId(k, to.ChannelId)).ToList();
            try
            {
                await connector.UpdateAsync(to, messageId, to.Message(null, cards.Question(view, to.ChannelId, userIds)), ct);
            }
            catch (ConnectorException e)
            {
                await FailedAsync(view.Post.ConversationKey, e, ct);
            }
        }
    }

    // Closes every post whose window has ended and shows everyone the outcome on the original card.
    public async Task CloseDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var post in await store.GetPostsToCloseAsync(now, ct))
        {
            var closed = await answers.CloseAsync(post, ct);
            if (closed is null)
            {
                continue;
            }
            _dirty.TryRemove(post.Id, out _);
            _counts.TryRemove(post.Id, out _);
            if (closed.Post.MessageId is { } messageId && await AddressAsync(post.ConversationKey, ct) is { } to)
            {
                try
                {
                    await connector.UpdateAsync(to, messageId, to.Message(null, cards.Closed(closed)), ct);
                }
                catch (ConnectorException e)
                {
                    await FailedAsync(post.ConversationKey, e, ct);
                }
            }
            await store.MarkClosedCardSentAsync(post.Id, ct);
        }
    }

    // Keys are "<channel>:<user id>"; Teams' refresh.userIds wants the bare id.
    public static string ChannelUserId(string userKey, string channelId) =>
        userKey.StartsWith(channelId + ":", StringComparison.Ordinal) ? userKey[(channelId.Length + 1)..] : userKey;

    private async Task FailedAsync(string conversationKey, ConnectorException e, CancellationToken ct)
    {
        LogSendFailed(log, conversationKey, e.Status);
        if (Outbound.ConnectorFailure.IsBlocked(e, out var reason))
        {
            // Blocked, removed or disabled: stop posting there until the bot is installed again.
            await store.SetConversationBlockedAsync(conversationKey, $"{e.Status} {reason}", ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No conversation address is stored for {Conversation}; the post is marked failed")]
    private static partial void LogNoAddress(ILogger logger, string conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to {Conversation} failed")]
    private static partial void LogPostFailed(ILogger logger, string conversation, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to {Conversation} failed with {Status}")]
    private static partial void LogSendFailed(ILogger logger, string conversation, int status);
}
