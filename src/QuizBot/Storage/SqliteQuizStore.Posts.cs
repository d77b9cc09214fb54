using Microsoft.Data.Sqlite;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    private const string PostColumns =
        "id, conversation_key, bank_id, question_index, slot_at, closes_at, time_zone, state, message_id, posted_at, claimed_by, tally, closed_card_sent, " +
        "question_id, answer, choices, lease_until, bank_version";

    // What ReadAnswer reads, in its order (the group commit's raw read of a first answer too).
    private const string AnswerColumns = "post_id, user_key, user_name, choice, correct, answered_at";

    public async Task<RoundPost?> GetPostAsync(string postId, CancellationToken ct) =>
        (await QueryAsync($"SELECT {PostColumns} FROM posts WHERE id = $id", ReadPost, ct, ("$id", postId))).FirstOrDefault();

    public async Task MarkPostedAsync(string postId, string? messageId, DateTimeOffset postedAt, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, """
            UPDATE posts SET state = 1, message_id = coalesce(message_id, $m), posted_at = coalesce(posted_at, $at)
            WHERE id = $id AND (state = 0 OR (state = 1 AND message_id IS NULL))
            """, ct, ("$id", postId), ("$m", messageId), ("$at", postedAt.ToUnixTimeMilliseconds()));
    }

    public async Task MarkPostFailedAsync(string postId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "UPDATE posts SET state = 3 WHERE id = $id AND state = 0", ct, ("$id", postId));
    }

    public async Task<IReadOnlyList<RoundPost>> GetPostsToCloseAsync(DateTimeOffset now, CancellationToken ct) =>
        await QueryAsync($"SELECT {PostColumns} FROM posts WHERE (state = 1 OR (state IN (2, 4) AND closed_card_sent = 0)) AND closes_at <= $now ORDER BY closes_at",
            ReadPost, ct, ("$now", now.ToUnixTimeMilliseconds()));

    // posts_claimed holds only Claimed rows; rows claimed before leases have none and sort first.
    public async Task<IReadOnlyList<RoundPost>> GetLapsedClaimsAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        await QueryAsync($"SELECT {PostColumns} FROM posts WHERE state = 0 AND (lease_until IS NULL OR lease_until <= $now) ORDER BY lease_until LIMIT $n",
            ReadPost, ct, ("$now", now.ToUnixTimeMilliseconds()), ("$n", limit));

    public async Task<IReadOnlyList<RoundPost>> GetClosedPostsAsync(string conversationKey, int limit, CancellationToken ct) =>
        await QueryAsync($"SELECT {PostColumns} FROM posts WHERE conversation_key = $c AND state = 2 ORDER BY closes_at DESC LIMIT $n",
            ReadPost, ct, ("$c", conversationKey), ("$n", limit));

    // closes_at >= slot_at, so the bound on closes_at keeps the read to the recent rows of posts_by_conversation.
    public async Task<IReadOnlyList<RoundPost>> GetOpenPostsAsync(string conversationKey, DateTimeOffset slotsFrom, int limit, CancellationToken ct) =>
        await QueryAsync($"SELECT {PostColumns} FROM posts WHERE conversation_key = $c AND closes_at >= $from AND slot_at >= $from AND state = 1 ORDER BY slot_at, id LIMIT $n",
            ReadPost, ct, ("$c", conversationKey), ("$from", slotsFrom.ToUnixTimeMilliseconds()), ("$n", limit));

    public async Task<IReadOnlyList<PostAnswer>> GetPostAnswersAsync(string postId, CancellationToken ct) =>
        await QueryAsync($"SELECT {AnswerColumns} FROM post_answers WHERE post_id = $p ORDER BY answered_at",
            ReadAnswer, ct, ("$p", postId));

    public async Task<PostAnswer?> GetPostAnswerAsync(string postId, string userKey, CancellationToken ct) =>
        (await QueryAsync($"SELECT {AnswerColumns} FROM post_answers WHERE post_id = $p AND user_key = $u",
            ReadAnswer, ct, ("$p", postId), ("$u", userKey))).FirstOrDefault();

    public async Task<PostSummary> GetPostSummaryAsync(string postId, int recent, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var count = await ScalarAsync(c, "SELECT COUNT(*) FROM post_answers WHERE post_id = $p", ct, ("$p", postId));
        var latest = await QueryAsync(c, null,
            $"SELECT {AnswerColumns} FROM post_answers WHERE post_id = $p ORDER BY answered_at DESC LIMIT $n",
            ReadAnswer, ct, ("$p", postId), ("$n", recent));
        return new PostSummary((int)count, latest);
    }

    public async Task<RoundPost?> ClosePostAsync(string postId, int choiceCount, IReadOnlyList<string> periods, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction();
        var post = (await QueryAsync(c, tx, $"SELECT {PostColumns} FROM posts WHERE id = $id", ReadPost, ct, ("$id", postId))).FirstOrDefault();
        if (post is null || post.State != PostState.Posted)
        {
            await tx.RollbackAsync(ct);
            return post;
        }
        var answers = await QueryAsync(c, tx, $"SELECT {AnswerColumns} FROM post_answers WHERE post_id = $p ORDER BY answered_at",
            ReadAnswer, ct, ("$p", postId));
        var moves = new BoardPointMoves();
        foreach (var answer in answers)
        {
            await ApplyToBoardsAsync(c, tx, post.ConversationKey, periods, answer, moves, ct);
        }
        await moves.WriteAsync(c, tx, post.ConversationKey, ct);
        var tally = Scoring.Tally(answers, choiceCount);
        await ExecAsync(c, tx, "UPDATE posts SET state = 2, tally = $t WHERE id = $id", ct, ("$id", postId), ("$t", string.Join(',', tally)));
        await tx.CommitAsync(ct);
        return post with { State = PostState.Closed, Tally = tally };
    }

    public async Task MarkClosedCardSentAsync(string postId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "UPDATE posts SET closed_card_sent = 1 WHERE id = $id", ct, ("$id", postId));
    }

    public async Task<RoundPost?> VoidPostAsync(string postId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "UPDATE posts SET state = 4 WHERE id = $id AND state IN (0, 1)", ct, ("$id", postId));
        return await GetPostAsync(postId, ct);
    }

    // Rows from before v5 have no question_id: only the position they were posted from.
    private static PostedQuestion ReadQuestion(SqliteDataReader r) => r.IsDBNull(13)
        ? PostedQuestion.AtLegacyPosition(r.GetInt32(3))
        : new PostedQuestion(r.GetString(13), r.GetInt32(14), r.GetInt32(15));

    private static RoundPost ReadPost(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), ReadQuestion(r), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetString(6), (PostState)r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8),
        Time(r, 9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11).Split(',').Select(int.Parse).ToList(), r.GetInt32(12) == 1, Time(r, 16),
        r.IsDBNull(17) ? null : r.GetInt32(17));

    private static PostAnswer ReadAnswer(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4) == 1, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));
}
