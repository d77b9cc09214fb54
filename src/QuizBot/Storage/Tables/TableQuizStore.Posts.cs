using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// Posts live in their conversation's partition (see Conversations.cs). Their answers go to the Answers table,
// spread over N partitions "{post id}|{bucket}" by a hash of the user, so a busy question never pins one partition.
// Each bucket holds a "gate" row while the post is open: an answer is inserted in one transaction with a touch of
// the gate, so once closing has deleted the gates no answer can land that the close would not count.
internal sealed partial class TableQuizStore
{
    private const string GateRow = "gate";
    private const string ClosedPrefix = "closed|";

    private static string PostRow(string postId) => "post|" + TableKeys.Segment(postId);

    private static string ClosedRow(RoundPost post) => ClosedPrefix + TableKeys.Inverted(Ms(post.ClosesAt)) + "|" + TableKeys.Segment(post.Id);

    private string AnswerPk(string postId, int bucket) => TableKeys.Segment(postId) + "|" + bucket.ToString("D2", CultureInfo.InvariantCulture);

    private static string AnswerRow(string userKey) => "a|" + TableKeys.Segment(userKey);

    private IEnumerable<int> AnswerBuckets => Enumerable.Range(0, _answerBuckets);

    public async Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct) =>
        await GetPostEntityAsync(postId, ct) is { } e ? ReadPost(e) : null;

    private async Task<TableEntity?> GetPostEntityAsync(string postId, CancellationToken ct) =>
        TableKeys.ConversationOfPost(postId) is { } conversation ? await GetAsync(_conversations, ConversationPk(conversation), PostRow(postId), ct) : null;

    // Opens the gates and writes the close hint before the post says Posted, so a posted post always closes.
    public async Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetPostEntityAsync(postId, ct) is not { } e)
            {
                return;
            }
            var post = ReadPost(e);
            if (post.State != PostState.Claimed)
            {
                if (post is { State: PostState.Posted, MessageId: null } && messageId is not null)
                {
                    await UpdatePostAsync(postId, u =>
                    {
                        if (u.GetString("MessageId") is not null || u.GetInt32("State") != (int)PostState.Posted)
                        {
                            return false;
                        }
                        u["MessageId"] = messageId;
                        return true;
                    }, ct);
                }
                return;
            }
            await Task.WhenAll(AnswerBuckets.Select(b => _answers.UpsertEntityAsync(
                new TableEntity(AnswerPk(postId, b), GateRow) { ["ClosesAt"] = Ms(post.ClosesAt) }, TableUpdateMode.Replace, ct)));
            await _due.UpsertEntityAsync(new TableEntity(PostDuePk(post), DueRow(post.ClosesAt, postId)) { ["Key"] = postId }, TableUpdateMode.Replace, ct);
            e["State"] = (int)PostState.Posted;
            e["PostedAt"] = Ms(postedAt);
            if (messageId is not null)
            {
                e["MessageId"] = messageId;
            }
            try
            {
                await _conversations.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException ex) when (Is(ex, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public Task MarkPostFailedAsync(string postId, CancellationToken ct) => UpdatePostAsync(postId, e =>
    {
        if (e.GetInt32("State") != (int)PostState.Claimed)
        {
            return false;
        }
        e["State"] = (int)PostState.Failed;
        return true;
    }, ct);

    public Task<RoundPost?> VoidPostAsync(string postId, CancellationToken ct) => UpdatePostAsync(postId, e =>
    {
        if (e.GetInt32("State") is not ((int)PostState.Claimed or (int)PostState.Posted))
        {
            return false;
        }
        e["State"] = (int)PostState.Void;
        return true;
    }, ct);

    public async Task MarkClosedCardSentAsync(string postId, CancellationToken ct)
    {
        var post = await UpdatePostAsync(postId, e =>
        {
            e["ClosedCardSent"] = true;
            return true;
        }, ct);
        if (post is { State: PostState.Closed or PostState.Void })
        {
            // Closed (or void) and announced is final: no one writes this hint again.
            await DeleteIfExistsAsync(_due, PostDuePk(post), DueRow(post.ClosesAt, postId), ETag.All, ct);
        }
    }

    // Read, change, write back under the ETag; a closed post's copy in the "closed|" index changes in the same transaction.
    private async Task<RoundPost?> UpdatePostAsync(string postId, Func<TableEntity, bool> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetPostEntityAsync(postId, ct) is not { } e)
            {
                return null;
            }
            if (!change(e))
            {
                return ReadPost(e);
            }
            var post = ReadPost(e);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, e, e.ETag)];
            if (post.State == PostState.Closed)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(e) { RowKey = ClosedRow(post) }));
            }
            try
            {
                await SubmitAsync(_conversations, actions, ct);
                return post;
            }
            catch (TableTransactionFailedException ex) when (Is(ex, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public async Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct) =>
        (await RangeAsync(_conversations, ConversationPk(conversationKey), ClosedPrefix, limit, ct)).Select(ReadPost).ToList();

    // One query in the conversation's partition. The post rows are filtered by the service, so the cost grows with the
    // posts the conversation keeps (about one request per 1,000): the row key cannot bound the slot, as a long post id
    // becomes a hash (TableKeys.Segment).
    public async Task<IReadOnlyList<RoundPost>> GetOpenPostsAsync(string conversationKey, DateTimeOffset slotsFrom, int limit, CancellationToken ct)
    {
        var pk = ConversationPk(conversationKey);
        var rows = await QueryAsync(_conversations, TableClient.CreateQueryFilter(
            $"PartitionKey eq {pk} and RowKey ge {"post|"} and RowKey lt {TableKeys.PrefixEnd("post|")} and State eq {(int)PostState.Posted} and SlotAt ge {Ms(slotsFrom)}"),
            null, ct);
        return rows.Select(ReadPost).OrderBy(p => p.SlotAt).ThenBy(p => p.Id, StringComparer.Ordinal).Take(limit).ToList();
    }

    // Two requests on the hot path: read this bucket's gate, then insert the answer with a touch of the gate in one
    // transaction. A repeated answer costs one more read, to return the first one.
    public Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, CancellationToken ct) => AddPostAnswerAsync(answer, null, ct);

    // The review entry goes to another table, so it follows the answer's transaction rather than joining it.
    public async Task<(bool Inserted, PostAnswer? Existing)> AddPostAnswerAsync(PostAnswer answer, ReviewMiss? miss, CancellationToken ct)
    {
        var outcome = await InsertPostAnswerAsync(answer, ct);
        if (outcome.Inserted && miss is not null)
        {
            await RecordMissAsync(answer.UserKey, miss.BankId, miss.QuestionId, miss.DueAt, ct);
        }
        return outcome;
    }

    private async Task<(bool Inserted, PostAnswer? Existing)> InsertPostAnswerAsync(PostAnswer answer, CancellationToken ct)
    {
        var pk = AnswerPk(answer.PostId, TableKeys.Bucket(answer.UserKey, _answerBuckets));
        var gate = await GetAsync(_answers, pk, GateRow, ct);
        // Marks this call's insert: the SDK's resend of it carries the same id, a second click (even within the same
        // millisecond) does not.
        var writeId = Guid.NewGuid().ToString("N");
        if (gate is not null && Ms(answer.AnsweredAt) < gate.GetInt64("ClosesAt"))
        {
            var row = new TableEntity(pk, AnswerRow(answer.UserKey))
            {
                ["PostId"] = answer.PostId,
                ["UserKey"] = answer.UserKey,
                ["UserName"] = answer.UserName,
                ["Choice"] = answer.Choice,
                ["Correct"] = answer.Correct,
                ["AnsweredAt"] = Ms(answer.AnsweredAt),
                ["WriteId"] = writeId,
            };
            // Merge with If-Match * fails when the gate is gone: that is the "still open" check, and it never conflicts.
            var touch = new TableEntity(pk, GateRow) { ["LastAnswerAt"] = Ms(answer.AnsweredAt) };
            try
            {
                await SubmitAsync(_answers, [new(TableTransactionActionType.Add, row), new(TableTransactionActionType.UpdateMerge, touch, ETag.All)], ct);
                return (true, null);
            }
            catch (TableTransactionFailedException e) when (Is(e, 409) || Is(e, 404))
            {
                // Already answered, or closed meanwhile.
            }
        }
        var stored = await GetAsync(_answers, pk, AnswerRow(answer.UserKey), ct);
        // Our own insert, committed on an attempt whose answer was lost and then resent by the SDK.
        return stored?.GetString("WriteId") == writeId ? (true, null) : (false, stored is null ? null : ReadAnswer(stored));
    }

    // One query per bucket, in parallel.
    public async Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct)
    {
        var buckets = await Task.WhenAll(AnswerBuckets.Select(b => RangeAsync(_answers, AnswerPk(postId, b), "a|", null, ct)));
        return buckets.SelectMany(b => b).Select(ReadAnswer).OrderBy(a => a.AnsweredAt).ThenBy(a => a.UserKey, StringComparer.Ordinal).ToList();
    }

    // One point read in the person's bucket.
    public async Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct) =>
        await GetAsync(_answers, AnswerPk(postId, TableKeys.Bucket(userKey, _answerBuckets)), AnswerRow(userKey), ct) is { } e ? ReadAnswer(e) : null;

    // One query per bucket: it grows with the post's answers, so the service calls it once per post per scheduler
    // tick (the shared card's count), never per answer.
    public async Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct)
    {
        var all = await GetPostAnswersAsync(postId, ct);
        return new PostSummary(all.Count, [.. all.OrderByDescending(a => a.AnsweredAt).Take(recent)]);
    }

    private static PostAnswer ReadAnswer(TableEntity e) => new(e.GetString("PostId"), e.GetString("UserKey"), e.GetString("UserName"),
        e.GetInt32("Choice")!.Value, e.GetBoolean("Correct")!.Value, At(e, "AnsweredAt"));

    private static TableEntity PostEntity(RoundPost p)
    {
        var e = new TableEntity(ConversationPk(p.ConversationKey), PostRow(p.Id))
        {
            ["Id"] = p.Id,
            ["ConversationKey"] = p.ConversationKey,
            ["BankId"] = p.BankId,
            ["QuestionId"] = p.Question.Id,
            ["Answer"] = p.Question.Answer,
            ["Choices"] = p.Question.Choices,
            ["SlotAt"] = Ms(p.SlotAt),
            ["ClosesAt"] = Ms(p.ClosesAt),
            ["TimeZone"] = p.TimeZone,
            ["State"] = (int)p.State,
            ["ClaimedBy"] = p.ClaimedBy,
            ["ClosedCardSent"] = p.ClosedCardSent,
        };
        if (p.LeaseUntil is { } lease)
        {
            e["LeaseUntil"] = Ms(lease);
        }
        if (p.BankVersion is { } version)
        {
            e["BankVersion"] = version;
        }
        return e;
    }

    // Entities from before ids were kept have no QuestionId: only the position they were posted from.
    private static PostedQuestion ReadQuestion(TableEntity e) => e.GetString("QuestionId") is { } id
        ? new PostedQuestion(id, e.GetInt32("Answer")!.Value, e.GetInt32("Choices")!.Value)
        : PostedQuestion.AtLegacyPosition(e.GetInt32("QuestionIndex")!.Value);

    private static RoundPost ReadPost(TableEntity e) => new(
        e.GetString("Id"), e.GetString("ConversationKey"), e.GetString("BankId"), ReadQuestion(e), At(e, "SlotAt"),
        At(e, "ClosesAt"), e.GetString("TimeZone"), (PostState)e.GetInt32("State")!.Value, e.GetString("MessageId"), AtOrNull(e, "PostedAt"),
        e.GetString("ClaimedBy"), e.GetString("Tally") is { } t ? t.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : null,
        e.GetBoolean("ClosedCardSent") == true, AtOrNull(e, "LeaseUntil"),
        e.GetInt32("BankVersion"));
}
