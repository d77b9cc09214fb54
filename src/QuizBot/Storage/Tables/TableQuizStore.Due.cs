using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// Due table: hints that something may be due at a time. Partitions "r{bucket}" (rounds), "p{bucket}" (posts to
// close) and "l{bucket}" (claims whose lease ends), bucket = hash of the conversation; row key "{unix ms, 15 digits}|{round or post key}". A tick reads only
// the rows up to now, so its cost follows the work that is due, not the history. Hints are written before the state
// they announce and checked against that state when read; a hint that no longer matches is deleted then.
internal sealed partial class TableQuizStore
{
    private string RoundDuePk(string conversationKey) => "r" + TableKeys.Bucket(conversationKey, _dueBuckets).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private string PostDuePk(RoundPost post) => "p" + TableKeys.Bucket(post.ConversationKey, _dueBuckets).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private string LeaseDuePk(RoundPost post) => "l" + TableKeys.Bucket(post.ConversationKey, _dueBuckets).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private static string DueRow(DateTimeOffset at, string key) => TableKeys.Time(at) + "|" + TableKeys.Segment(key);

    private async Task<List<TableEntity>> DueHintsAsync(char kind, DateTimeOffset now, CancellationToken ct)
    {
        // "}" sorts after "|", so the bound includes hints for exactly now.
        var upTo = TableKeys.Time(now) + "}";
        var pages = await Task.WhenAll(Enumerable.Range(0, _dueBuckets).Select(b =>
            QueryAsync(_due, TableClient.CreateQueryFilter($"PartitionKey eq {kind + b.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)} and RowKey lt {upTo}"), null, ct)));
        return pages.SelectMany(p => p).ToList();
    }

    private async Task WriteRoundHintsAsync(Round round, long generation, CancellationToken ct)
    {
        if (round.Status != RoundStatus.Active)
        {
            return;
        }
        var times = new[] { round.NextDueAt, round.NextBoardAt }.OfType<DateTimeOffset>().Distinct();
        await Task.WhenAll(times.Select(t => _due.UpsertEntityAsync(new TableEntity(RoundDuePk(round.ConversationKey), DueRow(t, round.ConversationKey))
        {
            ["Key"] = round.ConversationKey,
            ["Generation"] = generation,
        }, TableUpdateMode.Replace, ct)));
    }

    // One range query per bucket, then one point read per conversation with a hint that is due.
    public async Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = new List<Round>();
        foreach (var hints in (await DueHintsAsync('r', now, ct)).GroupBy(h => h.GetString("Key")))
        {
            var entity = await GetAsync(_conversations, ConversationPk(hints.Key), RoundRow, ct);
            var round = entity is null ? null : ReadRound(entity);
            var active = round is { Status: RoundStatus.Active };
            if (active && (round!.NextDueAt <= now || round.NextBoardAt <= now))
            {
                due.Add(round);
            }
            foreach (var hint in hints)
            {
                var at = long.Parse(hint.RowKey.AsSpan(0, 15), System.Globalization.CultureInfo.InvariantCulture);
                var current = active && (at == round!.NextDueAt?.ToUnixTimeMilliseconds() || at == round.NextBoardAt?.ToUnixTimeMilliseconds());
                // A hint newer than the round belongs to a write still under way: leave it to that writer.
                if (entity is not null && !current && entity.GetInt64("Generation") >= hint.GetInt64("Generation"))
                {
                    await DeleteIfExistsAsync(_due, hint.PartitionKey, hint.RowKey, hint.ETag, ct);
                }
            }
        }
        return due;
    }

    // Written before the claim: a hint whose claim failed finds its post missing or someone else's, and is deleted.
    private Task WriteLeaseHintsAsync(IReadOnlyList<RoundPost> posts, CancellationToken ct) =>
        Task.WhenAll(posts.Where(p => p.LeaseUntil is not null).Select(p => _due.UpsertEntityAsync(
            new TableEntity(LeaseDuePk(p), DueRow(p.LeaseUntil!.Value, p.Id)) { ["Key"] = p.Id }, TableUpdateMode.Replace, ct)));

    // One range query per bucket, then one point read per post with a hint that is due, at most limit. Posts claimed
    // before leases were kept have no hint and are not found here.
    public async Task<IReadOnlyList<RoundPost>> GetLapsedClaimsAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        var hints = (await DueHintsAsync('l', now, ct)).OrderBy(h => h.RowKey, StringComparer.Ordinal).Take(limit).ToList();
        var posts = await Task.WhenAll(hints.Select(async h => (Hint: h, Post: await GetPostAsync(h.GetString("Key"), ct))));
        var lapsed = new List<RoundPost>();
        foreach (var (hint, post) in posts)
        {
            if (post is { State: PostState.Claimed } && post.LeaseUntil <= now)
            {
                lapsed.Add(post);
            }
            else if (post is not { State: PostState.Claimed })
            {
                // Posted, failed or never created: this claim needs no resolving.
                await DeleteIfExistsAsync(_due, hint.PartitionKey, hint.RowKey, hint.ETag, ct);
            }
        }
        return lapsed;
    }

    // One range query per bucket, then one point read per post with a hint that is due.
    public async Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct)
    {
        var hints = await DueHintsAsync('p', now, ct);
        var posts = await Task.WhenAll(hints.Select(async h => (Hint: h, Post: await GetPostAsync(h.GetString("Key"), ct))));
        var result = new List<RoundPost>();
        foreach (var (hint, post) in posts)
        {
            if (post is { State: PostState.Posted } or { State: PostState.Closed or PostState.Void, ClosedCardSent: false })
            {
                if (post.ClosesAt <= now)
                {
                    result.Add(post);
                }
            }
            else if (post is null or { State: PostState.Failed or PostState.Closed or PostState.Void })
            {
                // Final states: nothing will need this hint again. (A claimed post gets its hint rewritten when posted.)
                await DeleteIfExistsAsync(_due, hint.PartitionKey, hint.RowKey, hint.ETag, ct);
            }
        }
        return result.OrderBy(p => p.ClosesAt).ToList();
    }
}
