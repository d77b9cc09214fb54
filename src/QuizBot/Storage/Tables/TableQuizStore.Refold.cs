using Azure;
using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// The re-fold of a revised post: the entries of everyone who answered it are rebuilt from their answers to the
// conversation's closed posts, in close order (BoardReplay), on the post's periods and on those of every later post
// (their entries carry streaks that ran through the revised answer), then written back chunk by chunk like a close.
internal sealed partial class TableQuizStore
{
    private async Task RefoldAsync(RoundPost post, IReadOnlyList<string> periods, CancellationToken ct)
    {
        IReadOnlyList<PostAnswer> answers = await GetPostAnswersAsync(post.Id, ct);
        if (post.State == PostState.Closed)
        {
            await RemarkAsync(post.Id, post.Question.Answer, answers, ct);
            answers = [.. answers.Select(a => a with { Correct = a.Choice == post.Question.Answer })];
        }
        var users = answers.Select(a => a.UserKey).ToHashSet(StringComparer.Ordinal);

        // The closed-post index holds the revised post only while it is closed, so a void leaves it out of every history.
        var closed = (await RangeAsync(_conversations, ConversationPk(post.ConversationKey), ClosedPrefix, null, ct)).Select(ReadPost)
            .Where(p => p.State == PostState.Closed)
            .OrderBy(p => p.ClosesAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var history = users.ToDictionary(u => u, _ => new List<BoardReplay.Step>(), StringComparer.Ordinal);
        var wanted = new List<string>(periods.Distinct());
        foreach (var batch in closed.Chunk(4))
        {
            var read = await Task.WhenAll(batch.Select(p => p.Id == post.Id ? Task.FromResult(answers) : GetPostAnswersAsync(p.Id, ct)));
            for (var i = 0; i < batch.Length; i++)
            {
                var p = batch[i];
                var postPeriods = p.Id == post.Id ? periods : BoardReplay.PeriodsOf(p.SlotAt, p.TimeZone, zones);
                var counted = false;
                foreach (var a in read[i].Where(a => users.Contains(a.UserKey)))
                {
                    history[a.UserKey].Add(new BoardReplay.Step(a, postPeriods));
                    counted = true;
                }
                if (counted && p.ClosesAt >= post.ClosesAt)
                {
                    wanted.AddRange(postPeriods.Where(x => !wanted.Contains(x)));
                }
            }
        }

        var entries = history.ToDictionary(h => h.Key, h => BoardReplay.Rebuild(h.Value, wanted), StringComparer.Ordinal);
        var chunks = answers.OrderBy(a => a.UserKey, StringComparer.Ordinal).Chunk(ChunkSize).ToList();
        // Each period is its own partition: they are rewritten side by side, each one's chunks in turn (they share its histogram).
        await Task.WhenAll(wanted.Select(async period =>
        {
            foreach (var chunk in chunks)
            {
                await RewriteChunkAsync(BoardPk(post.ConversationKey, period), chunk, u => entries[u].GetValueOrDefault(period), ct);
            }
        }));
    }

    // Brings the chunk's entries (and their rank rows and the histogram) to the target in one transaction under ETags;
    // a null target takes the person off the board. Entries already at the target are not written.
    private async Task RewriteChunkAsync(string pk, PostAnswer[] chunk, Func<string, BoardEntry?> target, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = await ReadChunkAsync(pk, null, chunk, ct);
            var meta = rows.GetValueOrDefault(MetaRow);
            var histogram = BoardHistogram.Parse(meta?.GetString("Histogram"));
            var actions = new List<TableTransactionAction>();
            foreach (var answer in chunk)
            {
                var row = rows.GetValueOrDefault(EntryRow(answer.UserKey));
                var old = row is null ? null : ReadEntry(row);
                var next = target(answer.UserKey);
                if (old == next)
                {
                    continue;
                }
                if (old is not null && (next is null || RankRow(old) != RankRow(next)))
                {
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pk, RankRow(old)), ETag.All));
                }
                if (next is null)
                {
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pk, row!.RowKey), row.ETag));
                    histogram.Remove(old!.Points);
                    continue;
                }
                actions.Add(row is null
                    ? new(TableTransactionActionType.Add, EntryEntity(pk, EntryRow(next.UserKey), next))
                    : new(TableTransactionActionType.UpdateReplace, EntryEntity(pk, row.RowKey, next), row.ETag));
                actions.Add(new(TableTransactionActionType.UpsertReplace, EntryEntity(pk, RankRow(next), next)));
                histogram.Move(old?.Points, next.Points);
            }
            if (actions.Count == 0)
            {
                return;
            }
            var newMeta = new TableEntity(pk, MetaRow) { ["Histogram"] = histogram.ToString() };
            actions.Add(meta is null ? new(TableTransactionActionType.Add, newMeta) : new(TableTransactionActionType.UpdateReplace, newMeta, meta.ETag));
            try
            {
                await SubmitAsync(_boards, actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                await BackOffAsync(attempt, ct); // another writer changed this board: read again
            }
        }
    }
}
