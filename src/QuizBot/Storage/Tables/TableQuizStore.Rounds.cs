using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// A round lives beside its posts, so claiming a slot (advance the round, create its posts) is one conditional
// transaction: exactly one instance wins. What is due is found through hints in the Due table (see Due.cs).
internal sealed partial class TableQuizStore
{
    private const string RoundRow = "round";

    public async Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct) =>
        await GetAsync(_conversations, ConversationPk(conversationKey), RoundRow, ct) is { } e ? ReadRound(e) : null;

    // One query over the conversation partitions of the prefix (the escaping keeps a prefix of a key a prefix of its
    // partition key), for their round rows. The service reads the rows of those partitions to find them, so the cost
    // grows with what the prefix's conversations keep (about one request per 1,000 rows); the caller's prefix is one
    // workspace, and its limit bounds the answer.
    // An empty prefix is every conversation: "c|" itself is the prefix of every conversation partition.
    public async Task<IReadOnlyList<Round>> GetRoundsAsync(string conversationKeyPrefix, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationKeyPrefix);
        var from = ConversationPk(conversationKeyPrefix);
        var rows = await QueryAsync(_conversations,
            TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {TableKeys.PrefixEnd(from)} and RowKey eq {RoundRow}"), null, ct);
        return rows.Select(ReadRound)
            .Where(r => r.ConversationKey.StartsWith(conversationKeyPrefix, StringComparison.Ordinal))
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.ConversationKey, StringComparer.Ordinal)
            .Take(limit).ToList();
    }

    public async Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct) =>
        await WriteRoundAsync(round, expectedVersion, [], ct);

    public async Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct)
    {
        foreach (var p in posts)
        {
            // The post's partition is named by its id, so an id of another conversation would be stored where no read finds it.
            if (p.ConversationKey != advanced.ConversationKey || TableKeys.ConversationOfPost(p.Id) != advanced.ConversationKey)
            {
                throw new ArgumentException($"Post {p.Id} does not belong to {advanced.ConversationKey}.", nameof(posts));
            }
        }
        return await WriteRoundAsync(advanced, expectedVersion, posts, ct);
    }

    // Hints first (a hint without a due round is harmless; a due round without a hint would never run), then the
    // round and its new posts in one transaction conditioned on the round's ETag.
    private async Task<bool> WriteRoundAsync(Round round, long? expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct)
    {
        var pk = ConversationPk(round.ConversationKey);
        for (var attempt = 0; ; attempt++)
        {
            var current = expectedVersion is null ? null : await GetAsync(_conversations, pk, RoundRow, ct);
            if (expectedVersion is not null && (current is null || current.GetInt64("Version") != expectedVersion))
            {
                return false;
            }
            var generation = (current?.GetInt64("Generation") ?? 0) + 1;
            await WriteRoundHintsAsync(round, generation, ct);
            await WriteLeaseHintsAsync(posts, ct);
            var entity = RoundEntity(pk, round, generation);
            // Marks this very write: when the SDK resends a transaction whose first attempt did commit, the resend
            // fails (412/409) and this tells "we won" from "someone else did".
            var writeId = Guid.NewGuid().ToString("N");
            entity["WriteId"] = writeId;
            List<TableTransactionAction> actions = current is null
                ? [new(TableTransactionActionType.Add, entity)]
                : [new(TableTransactionActionType.UpdateReplace, entity, current.ETag)];
            actions.AddRange(posts.Select(p => new TableTransactionAction(TableTransactionActionType.Add, PostEntity(p with
            {
                State = PostState.Claimed, MessageId = null, PostedAt = null, Tally = null, ClosedCardSent = false,
            }))));
            try
            {
                await SubmitAsync(_conversations, actions, ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (Is(e, 412) || Is(e, 409))
            {
                if ((await GetAsync(_conversations, pk, RoundRow, ct))?.GetString("WriteId") == writeId)
                {
                    return true;
                }
                if (Is(e, 409) || current is null)
                {
                    return false; // the round (expected none) or one of the posts already exists
                }
                await BackOffAsync(attempt, ct); // the round changed since it was read: check the version again
            }
        }
    }

    private static TableEntity RoundEntity(string pk, Round r, long generation)
    {
        var e = new TableEntity(pk, RoundRow)
        {
            ["ConversationKey"] = r.ConversationKey,
            ["BankId"] = r.BankId,
            ["Cron"] = r.Cron,
            ["ScheduleText"] = r.ScheduleText,
            ["TimeZone"] = r.TimeZone,
            ["QuestionsPerPost"] = r.QuestionsPerPost,
            ["WindowSeconds"] = (long)r.Window.TotalSeconds,
            ["Repeat"] = r.Repeat,
            ["WeeklyBoard"] = r.WeeklyBoard,
            ["Status"] = (int)r.Status,
            ["Cursor"] = r.Cursor,
            ["CreatedBy"] = r.CreatedBy,
            ["CreatedAt"] = Ms(r.CreatedAt),
            ["Version"] = r.Version,
            // Ours, not the engine's: grows by one on every write, so a hint can tell whether it predates the round.
            ["Generation"] = generation,
        };
        if (r.NextDueAt is { } due)
        {
            e["NextDueAt"] = Ms(due);
        }
        if (r.NextBoardAt is { } board)
        {
            e["NextBoardAt"] = Ms(board);
        }
        return e;
    }

    private static Round ReadRound(TableEntity e) => new(
        e.GetString("ConversationKey"), e.GetString("BankId"), e.GetString("Cron"), e.GetString("ScheduleText"), e.GetString("TimeZone"),
        e.GetInt32("QuestionsPerPost")!.Value, TimeSpan.FromSeconds(e.GetInt64("WindowSeconds")!.Value), e.GetBoolean("Repeat")!.Value,
        e.GetBoolean("WeeklyBoard")!.Value, (RoundStatus)e.GetInt32("Status")!.Value, e.GetInt32("Cursor")!.Value, AtOrNull(e, "NextDueAt"),
        AtOrNull(e, "NextBoardAt"), e.GetString("CreatedBy"), At(e, "CreatedAt"), e.GetInt64("Version")!.Value);
}
