using Microsoft.Data.Sqlite;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Bench.Leaderboard;

// A conversation whose members answered `history` daily questions. Two ways to get there, which must agree:
// Real: answers written straight into post_answers (one transaction per post, for speed), then every post closed
//   through IRoundStore.ClosePostAsync, which folds the answers into the boards as the scheduler does.
// Direct: the same folding (Scoring, Periods) done in memory and only the resulting board rows written; used where
//   the real path would take too long (it costs about 6 statements per answer), and checked against it by the smoke test.
internal sealed class BoardSeeder(string dbPath, IRoundStore store, QuestionBank bank)
{
    private static readonly string[] BoardParameters = ["$c", "$p", "$u", "$n", "$pts", "$ok", "$ans", "$s", "$best"];
    private static readonly string[] AnswerParameters = ["$p", "$u", "$n", "$c", "$ok", "$at"];

    public static DateTimeOffset Slot(DateTimeOffset firstDay, int q) => firstDay.AddDays(q).AddHours(9);

    // Whether member m answered question q correctly, and what they chose: varied enough for ranks, ties and streaks.
    public static (int Choice, bool Correct) Answer(QuestionBank bank, int member, int q)
    {
        var question = bank.Questions[q % bank.Questions.Count];
        var correct = (member * 7 + q * 13) % 5 < 3;
        return correct ? (question.Answer, true) : ((question.Answer + 1 + member % (question.Choices.Count - 1)) % question.Choices.Count, false);
    }

    public static string Name(int member) => $"Member {member:000000}";

    // skip: a question left out, as if it had never been posted (the refold bench's reference).
    public async Task SeedRealAsync(string conversationKey, int members, int history, DateTimeOffset firstDay, CancellationToken ct, bool throughStore = false,
        int? skip = null)
    {
        var round = await SaveRoundAsync(conversationKey, firstDay, ct);
        for (var q = 0; q < history; q++)
        {
            if (q == skip)
            {
                continue;
            }
            var slot = Slot(firstDay, q);
            var post = new RoundPost(RoundPost.IdFor(conversationKey, slot, 0), conversationKey, bank.Id, PostedQuestion.Of(bank.Questions[q % bank.Questions.Count]), slot, slot.AddHours(8),
                "UTC", PostState.Claimed, null, null, "bench", null, false);
            var advanced = round with { Cursor = round.Cursor + 1, Version = round.Version + 1 };
            if (!await store.ClaimSlotAsync(advanced, round.Version, [post], ct))
            {
                throw new InvalidOperationException($"Could not claim {post.Id}");
            }
            round = advanced;
            await store.MarkPostedAsync(post.Id, $"act-{q}", slot, ct);
            if (throughStore)
            {
                // Any store (Azure Tables): every answer through AddPostAnswerAsync, as a click would write it.
                await Parallel.ForEachAsync(Enumerable.Range(0, members), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (m, token) =>
                {
                    var (choice, correct) = Answer(bank, m, q);
                    await store.AddPostAnswerAsync(new PostAnswer(post.Id, Key(m), Name(m), choice, correct, slot.AddMilliseconds(m)), token);
                });
            }
            else
            {
                await InsertAnswersAsync(post, members, q, ct);
            }
            var closed = await store.ClosePostAsync(post.Id, post.Question.Choices, Periods.For(slot, TimeZoneInfo.Utc), ct);
            if (closed?.State != PostState.Closed)
            {
                throw new InvalidOperationException($"Could not close {post.Id}");
            }
        }
    }

    public async Task SeedDirectAsync(string conversationKey, int members, int history, DateTimeOffset firstDay, CancellationToken ct)
    {
        await SaveRoundAsync(conversationKey, firstDay, ct);
        var boards = new Dictionary<(string Period, int Member), BoardEntry>();
        for (var q = 0; q < history; q++)
        {
            var slot = Slot(firstDay, q);
            var periods = Periods.For(slot, TimeZoneInfo.Utc);
            // ClosePostAsync folds answers in the order they came; here member m answered m milliseconds after the post.
            for (var m = 0; m < members; m++)
            {
                var (choice, correct) = Answer(bank, m, q);
                var answer = new PostAnswer("", Key(m), Name(m), choice, correct, slot.AddMilliseconds(m));
                var streak = Scoring.NextStreak(boards.GetValueOrDefault((Periods.All, m)), correct);
                foreach (var period in periods)
                {
                    boards[(period, m)] = Scoring.Apply(boards.GetValueOrDefault((period, m)), answer, streak);
                }
            }
        }
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO board (conversation_key, period, user_key, name, points, correct, answered, streak, best_streak) " +
            "VALUES ($c, $p, $u, $n, $pts, $ok, $ans, $s, $best)";
        var p = BoardParameters.Select(name => cmd.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var ((period, _), e) in boards)
        {
            object[] values = [conversationKey, period, e.UserKey, e.Name, e.Points, e.Correct, e.Answered, e.Streak, e.BestStreak];
            for (var i = 0; i < p.Length; i++)
            {
                p[i].Value = values[i];
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // The store keeps each board's member count beside it; write it as a close would have.
        await using var counts = c.CreateCommand();
        counts.Transaction = tx;
        counts.CommandText = "INSERT INTO board_members (conversation_key, period, members) " +
            "SELECT conversation_key, period, COUNT(*) FROM board WHERE conversation_key = $c GROUP BY period";
        counts.Parameters.AddWithValue("$c", conversationKey);
        await counts.ExecuteNonQueryAsync(ct);
        // And how many have each number of points, which the rank of someone outside the top is read from.
        counts.CommandText = "INSERT INTO board_points (conversation_key, period, points, members) " +
            "SELECT conversation_key, period, points, COUNT(*) FROM board WHERE conversation_key = $c GROUP BY period, points";
        await counts.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string Key(int member) => $"msteams:29:member-{member}";

    private async Task<Round> SaveRoundAsync(string conversationKey, DateTimeOffset firstDay, CancellationToken ct)
    {
        var round = new Round(conversationKey, bank.Id, "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromHours(8), true, false,
            RoundStatus.Active, 0, null, null, "msteams:bench-admin", firstDay, 1);
        return await store.SaveRoundAsync(round, null, ct) ? round : throw new InvalidOperationException("Could not save the round.");
    }

    private async Task InsertAnswersAsync(RoundPost post, int members, int q, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO post_answers (post_id, user_key, user_name, choice, correct, answered_at) VALUES ($p, $u, $n, $c, $ok, $at)";
        var p = AnswerParameters.Select(name => cmd.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        for (var m = 0; m < members; m++)
        {
            var (choice, correct) = Answer(bank, m, q);
            object[] values = [post.Id, Key(m), Name(m), choice, correct ? 1 : 0, post.SlotAt.AddMilliseconds(m).ToUnixTimeMilliseconds()];
            for (var i = 0; i < p.Length; i++)
            {
                p[i].Value = values[i];
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString());
        await c.OpenAsync(ct);
        return c;
    }
}
