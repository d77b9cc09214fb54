using Azure;
using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

// Revising a closed post takes three steps that cannot share one transaction (the post, its answers and the boards live in
// different partitions), so the post row records how far it got: "Revision" counts the outcomes asked for, and
// "FoldedRevision" the one the boards were last made to agree with. A run that finds FoldedRevision behind (a crash, or
// another instance still working) does the re-fold again: it rebuilds entries from the answers, so doing it twice, or on
// two instances at once, writes the same rows, and rows already right are not written at all.
internal sealed partial class TableQuizStore
{
    public async Task<RoundPost?> RevisePostAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct)
    {
        if (await GetPostAsync(postId, ct) is not { } found)
        {
            return null;
        }
        BoardReplay.Check(found, newAnswer);
        if (found.State is PostState.Claimed or PostState.Posted)
        {
            var open = await ReviseOpenAsync(postId, newAnswer, ct);
            if (open is null || !BoardReplay.WasClosed(open))
            {
                return open;
            }
            // Closed meanwhile: revise it as a closed post.
        }
        int? recorded = null;
        for (var attempt = 0; ; attempt++)
        {
            if (await GetPostEntityAsync(postId, ct) is not { } e)
            {
                return null;
            }
            var post = ReadPost(e);
            if (!BoardReplay.WasClosed(post))
            {
                return post; // failed, or voided while open: nothing was folded and nothing will be
            }
            var revision = e.GetInt32("Revision") ?? 0;
            // A revision recorded after ours (another admin, another instance) is the later word: help it finish rather
            // than write ours again, which would make the two take turns.
            var superseded = recorded is { } mine && revision > mine;
            if (!superseded && !BoardReplay.IsAt(post, newAnswer))
            {
                if (await RecordOutcomeAsync(e, post, newAnswer, revision + 1, ct))
                {
                    recorded = revision + 1;
                }
                else
                {
                    await BackOffAsync(attempt, ct);
                }
                continue;
            }
            if ((e.GetInt32("FoldedRevision") ?? 0) >= revision)
            {
                return post;
            }
            await RefoldAsync(post, periods, ct);
            e["FoldedRevision"] = revision;
            if (await ReplacePostAsync(e, post, ct))
            {
                return post;
            }
            await BackOffAsync(attempt, ct); // changed while folding: look again
        }
    }

    private async Task<RoundPost?> ReviseOpenAsync(string postId, int? newAnswer, CancellationToken ct)
    {
        if (newAnswer is not { } answer)
        {
            return await VoidPostAsync(postId, ct);
        }
        var post = await UpdatePostAsync(postId, e =>
        {
            if (e.GetInt32("State") is not ((int)PostState.Claimed or (int)PostState.Posted) || e.GetInt32("Answer") == answer)
            {
                return false;
            }
            e["Answer"] = answer;
            return true;
        }, ct);
        if (post is { State: PostState.Claimed or PostState.Posted })
        {
            // The answers given so far are marked again; the engine marks later ones with the key the post now holds.
            await RemarkAsync(postId, answer, await GetPostAnswersAsync(postId, ct), ct);
        }
        return post is null ? null : await GetPostAsync(postId, ct);
    }

    // The post's new state and key, and its copy in the closed-post index (gone while it is void), in one transaction.
    private async Task<bool> RecordOutcomeAsync(TableEntity e, RoundPost post, int? newAnswer, int revision, CancellationToken ct)
    {
        e["State"] = (int)(newAnswer is null ? PostState.Void : PostState.Closed);
        if (newAnswer is { } answer)
        {
            e["Answer"] = answer;
        }
        e["Revision"] = revision;
        return await ReplacePostAsync(e, post, ct);
    }

    // Writes the post row under its ETag, keeping the closed index in step with its state; false when the row changed.
    private async Task<bool> ReplacePostAsync(TableEntity e, RoundPost before, CancellationToken ct)
    {
        var after = ReadPost(e);
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, e, e.ETag)];
        if (after.State == PostState.Closed)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(e) { RowKey = ClosedRow(after) }));
        }
        else if (before.State == PostState.Closed)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, ClosedRow(before)), ETag.All));
        }
        try
        {
            await SubmitAsync(_conversations, actions, ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (Is(ex, 412) || Is(ex, 404))
        {
            return false;
        }
    }

    // Sets each answer's mark to what the key says, bucket by bucket; answers already marked so are left alone.
    private async Task RemarkAsync(string postId, int answer, IReadOnlyList<PostAnswer> answers, CancellationToken ct)
    {
        var changes = answers.Where(a => a.Correct != (a.Choice == answer))
            .GroupBy(a => TableKeys.Bucket(a.UserKey, _answerBuckets))
            .SelectMany(g => g.Chunk(100).Select(chunk => chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                new TableEntity(AnswerPk(postId, g.Key), AnswerRow(a.UserKey)) { ["Correct"] = a.Choice == answer }, ETag.All)).ToList()));
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (actions, t) => await SubmitAsync(_answers, actions, t));
    }
}
