using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Reviews table: partition "r|{user}", row "{bank}|{question}". One person's cards share a partition, so reading what is
// due scans only that person's cards: as many as questions they ever got wrong and have not retired, a bank's worth at
// most, and no other person's review ever lands on the same partition. Every write is conditional on the ETag it read,
// so two writers never both move one card.
internal sealed partial class TableQuizStore
{
    private static string ReviewPk(string userKey) => "r|" + TableKeys.Segment(userKey);

    private static string ReviewRk(string bankId, string questionId) => TableKeys.Segment(bankId) + "|" + TableKeys.Segment(questionId);

    public async Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var (pk, rk) = (ReviewPk(userKey), ReviewRk(bankId, questionId));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (await GetAsync(_reviews, pk, rk, ct) is { } e)
                {
                    e["Box"] = 1;
                    e["DueAt"] = Ms(dueAt);
                    e["Step"] = e.GetInt32("Step")!.Value + 1;
                    e.Remove("LastChoice");
                    await _reviews.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
                }
                else
                {
                    await _reviews.AddEntityAsync(new TableEntity(pk, rk)
                    {
                        ["User"] = userKey, ["Bank"] = bankId, ["Question"] = questionId, ["Box"] = 1, ["DueAt"] = Ms(dueAt), ["Step"] = 0,
                    }, ct);
                }
                return;
            }
            catch (RequestFailedException e) when (Is(e, 409) || Is(e, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public async Task<ReviewCard?> GetReviewCardAsync(string userKey, string bankId, string questionId, CancellationToken ct) =>
        await GetAsync(_reviews, ReviewPk(userKey), ReviewRk(bankId, questionId), ct) is { } e ? ReadReview(e) : null;

    public async Task<IReadOnlyList<ReviewCard>> GetDueReviewsAsync(string userKey, DateTimeOffset before, int limit, CancellationToken ct) =>
        [.. (await DueAsync(userKey, before, ct)).OrderBy(c => c.DueAt).ThenBy(c => c.BankId, StringComparer.Ordinal)
            .ThenBy(c => c.QuestionId, StringComparer.Ordinal).Take(limit)];

    public async Task<int> CountDueReviewsAsync(string userKey, DateTimeOffset before, CancellationToken ct) =>
        (await DueAsync(userKey, before, ct)).Count;

    public async Task<DateTimeOffset?> GetNextReviewAsync(string userKey, CancellationToken ct)
    {
        var open = await QueryAsync(_reviews, TableClient.CreateQueryFilter($"PartitionKey eq {ReviewPk(userKey)} and Box le {5}"), null, ct);
        return open.Count == 0 ? null : open.Min(e => At(e, "DueAt"));
    }

    public async Task<bool> MoveReviewAsync(string userKey, string bankId, string questionId, int step, int box, DateTimeOffset dueAt, int choice,
        CancellationToken ct)
    {
        var e = await GetAsync(_reviews, ReviewPk(userKey), ReviewRk(bankId, questionId), ct);
        if (e is null || e.GetInt32("Step") != step)
        {
            return false;
        }
        e["Box"] = box;
        e["DueAt"] = Ms(dueAt);
        e["Step"] = step + 1;
        e["LastChoice"] = choice;
        try
        {
            await _reviews.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException x) when (Is(x, 412) || Is(x, 404))
        {
            // Every write moves the step on: whoever changed the card since it was read has moved it past this step.
            return false;
        }
    }

    public async Task DropReviewAsync(string userKey, string bankId, string questionId, CancellationToken ct) =>
        await DeleteIfExistsAsync(_reviews, ReviewPk(userKey), ReviewRk(bankId, questionId), ETag.All, ct);

    private async Task<List<ReviewCard>> DueAsync(string userKey, DateTimeOffset before, CancellationToken ct) =>
        [.. (await QueryAsync(_reviews, TableClient.CreateQueryFilter($"PartitionKey eq {ReviewPk(userKey)} and Box le {5} and DueAt lt {Ms(before)}"),
            null, ct)).Select(ReadReview)];

    private static ReviewCard ReadReview(TableEntity e) =>
        new(e.GetString("User"), e.GetString("Bank"), e.GetString("Question"), e.GetInt32("Box")!.Value, At(e, "DueAt"), e.GetInt32("Step")!.Value,
            e.GetInt32("LastChoice"));
}
