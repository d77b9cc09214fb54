using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// Boards table, one partition per board "b|{conversation}|{period}": "u|{user}" (the entry), "r|{inverted points}
// {name} {user}" (the same entry in rank order), "meta" (the points histogram) and "f|{post}|{chunk}" fold markers.
// Closing folds a post's answers in chunks of users; each chunk's entries, rank rows, histogram and marker are one
// transaction, so a chunk is counted exactly once however often, and however concurrently, closing runs.
internal sealed partial class TableQuizStore
{
    private const string MetaRow = "meta";
    private const string RankPrefix = "r|";

    // A chunk's read is one query of at most 15 comparisons (Azure's limit): partition, marker, meta and 12 users;
    // its write is at most 12 x 3 + 2 operations, within the 100 of a transaction.
    private const int ChunkSize = 12;

    private static string BoardPk(string conversationKey, string period) => "b|" + TableKeys.Segment(conversationKey) + "|" + TableKeys.Segment(period);

    private static string EntryRow(string userKey) => "u|" + TableKeys.Segment(userKey);

    // Space never occurs inside a segment and sorts before every character that does, so "Ann" ranks before "Ann Lee".
    private static string RankRow(BoardEntry e) =>
        RankPrefix + TableKeys.Inverted(e.Points) + " " + TableKeys.Segment(e.Name) + " " + TableKeys.Segment(e.UserKey);

    private static string MarkerRow(string postId, int chunk) => "f|" + TableKeys.Segment(postId) + "|" + chunk.ToString("D5", CultureInfo.InvariantCulture);

    // Two or three requests whatever the history: the top rows in rank order, the histogram, and the asker's entry.
    public async Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct)
    {
        var pk = BoardPk(conversationKey, period);
        var topTask = RangeAsync(_boards, pk, RankPrefix, top, ct);
        var metaTask = GetAsync(_boards, pk, MetaRow, ct);
        var meTask = GetAsync(_boards, pk, EntryRow(userKey), ct);
        var rows = (await topTask).Select(ReadEntry).ToList();
        var histogram = BoardHistogram.Parse((await metaTask)?.GetString("Histogram"));
        var ranked = rows.Select(e => new RankedEntry(histogram.Above(e.Points) + 1, e)).ToList();
        var me = await meTask is { } mine ? ReadEntry(mine) : null;
        var myRank = ranked.FirstOrDefault(r => r.Entry.UserKey == userKey) ?? (me is null ? null : new RankedEntry(histogram.Above(me.Points) + 1, me));
        return new BoardPage(ranked, myRank, histogram.Members);
    }

    public async Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct)
    {
        var e = await GetPostEntityAsync(postId, ct);
        if (e is null || ReadPost(e) is not { State: PostState.Posted } post)
        {
            return e is null ? null : ReadPost(e);
        }
        // 1. Shut the gates: from here on no answer can be added, so every run below sees the same answers.
        await Task.WhenAll(AnswerBuckets.Select(b => DeleteIfExistsAsync(_answers, AnswerPk(postId, b), GateRow, ETag.All, ct)));
        var answers = await GetPostAnswersAsync(postId, ct);
        // 2. Fold them into each board; markers make every chunk count once.
        var chunks = answers.OrderBy(a => a.UserKey, StringComparer.Ordinal).Chunk(ChunkSize).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await FoldChunkAsync(post, chunks[i], i, periods, ct);
        }
        // 3. Mark it closed with its tally, and copy it into the conversation's closed-post index, in one transaction.
        var tally = Scoring.Tally(answers, choiceCount);
        for (var attempt = 0; ; attempt++)
        {
            if (ReadPost(e) is not { State: PostState.Posted })
            {
                return ReadPost(e); // someone else finished the close
            }
            e["State"] = (int)PostState.Closed;
            e["Tally"] = string.Join(',', tally);
            var closed = ReadPost(e);
            try
            {
                await SubmitAsync(_conversations, [new(TableTransactionActionType.UpdateReplace, e, e.ETag),
                    new(TableTransactionActionType.UpsertReplace, new TableEntity(e) { RowKey = ClosedRow(closed) })], ct);
                return closed;
            }
            catch (TableTransactionFailedException ex) when (Is(ex, 412))
            {
                await BackOffAsync(attempt, ct);
                e = await GetPostEntityAsync(postId, ct) ?? throw new InvalidOperationException($"Post {postId} vanished while closing.");
            }
        }
    }

    // The streak is the conversation's, so it is worked out once on the all-time board and stored in that board's
    // marker; the other periods reuse it, which keeps a re-run after a crash identical to the first run.
    private async Task FoldChunkAsync(RoundPost post, PostAnswer[] chunk, int index, IReadOnlyList<string> periods, CancellationToken ct)
    {
        int[] streaks;
        if (periods.Contains(Periods.All))
        {
            streaks = await FoldIntoBoardAsync(BoardPk(post.ConversationKey, Periods.All), post.Id, chunk, index, null, ct);
        }
        else
        {
            var all = await ReadChunkAsync(BoardPk(post.ConversationKey, Periods.All), null, chunk, ct);
            streaks = chunk.Select(a => Scoring.NextStreak(all.TryGetValue(EntryRow(a.UserKey), out var e) ? ReadEntry(e) : null, a.Correct)).ToArray();
        }
        foreach (var period in periods.Where(p => p != Periods.All).Distinct())
        {
            await FoldIntoBoardAsync(BoardPk(post.ConversationKey, period), post.Id, chunk, index, streaks, ct);
        }
    }

    private async Task<int[]> FoldIntoBoardAsync(string pk, string postId, PostAnswer[] chunk, int index, int[]? streaks, CancellationToken ct)
    {
        var marker = MarkerRow(postId, index);
        for (var attempt = 0; ; attempt++)
        {
            var rows = await ReadChunkAsync(pk, marker, chunk, ct);
            if (rows.TryGetValue(marker, out var done))
            {
                return done.GetString("Streaks").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            var meta = rows.GetValueOrDefault(MetaRow);
            var histogram = BoardHistogram.Parse(meta?.GetString("Histogram"));
            var computed = new int[chunk.Length];
            var actions = new List<TableTransactionAction>();
            for (var j = 0; j < chunk.Length; j++)
            {
                var row = rows.GetValueOrDefault(EntryRow(chunk[j].UserKey));
                var old = row is null ? null : ReadEntry(row);
                computed[j] = streaks?[j] ?? Scoring.NextStreak(old, chunk[j].Correct);
                var next = Scoring.Apply(old, chunk[j], computed[j]);
                actions.Add(row is null
                    ? new(TableTransactionActionType.Add, EntryEntity(pk, EntryRow(next.UserKey), next))
                    : new(TableTransactionActionType.UpdateReplace, EntryEntity(pk, row.RowKey, next), row.ETag));
                if (old is not null && RankRow(old) != RankRow(next))
                {
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pk, RankRow(old)), ETag.All));
                }
                actions.Add(new(TableTransactionActionType.UpsertReplace, EntryEntity(pk, RankRow(next), next)));
                histogram.Move(old?.Points, next.Points);
            }
            var newMeta = new TableEntity(pk, MetaRow) { ["Histogram"] = histogram.ToString() };
            actions.Add(meta is null ? new(TableTransactionActionType.Add, newMeta) : new(TableTransactionActionType.UpdateReplace, newMeta, meta.ETag));
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(pk, marker) { ["Streaks"] = string.Join(',', computed) }));
            try
            {
                await SubmitAsync(_boards, actions, ct);
                return computed;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                await BackOffAsync(attempt, ct); // another close changed this board: read again
            }
        }
    }

    // One query: the marker (when given), the histogram and the chunk's entries.
    private async Task<Dictionary<string, TableEntity>> ReadChunkAsync(string pk, string? marker, PostAnswer[] chunk, CancellationToken ct)
    {
        var keys = chunk.Select(a => EntryRow(a.UserKey)).Append(MetaRow);
        if (marker is not null)
        {
            keys = keys.Append(marker);
        }
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk}") + " and (" +
            string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
        return (await QueryAsync(_boards, filter, null, ct)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
    }

    private static TableEntity EntryEntity(string pk, string rk, BoardEntry e) => new(pk, rk)
    {
        ["UserKey"] = e.UserKey,
        ["Name"] = e.Name,
        ["Points"] = e.Points,
        ["Correct"] = e.Correct,
        ["Answered"] = e.Answered,
        ["Streak"] = e.Streak,
        ["BestStreak"] = e.BestStreak,
    };

    private static BoardEntry ReadEntry(TableEntity e) => new(e.GetString("UserKey"), e.GetString("Name"), e.GetInt32("Points")!.Value,
        e.GetInt32("Correct")!.Value, e.GetInt32("Answered")!.Value, e.GetInt32("Streak")!.Value, e.GetInt32("BestStreak")!.Value);
}
