using Microsoft.Data.Sqlite;
using QuizBot.Bench.Leaderboard;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Bench.Dashboard;

// A conversation with a daily question for `days` days, where each member takes part on some days only (between 10%
// and 59% of them, by member): about a third of the members answer each post, and most are active in a given week.
// Posts are claimed, opened and closed through the store either way. Real: answers inserted into post_answers and
// folded into the boards by ClosePostAsync. Direct: the posts close empty, then their tallies and the boards (folded
// in memory with Scoring and Periods, as ClosePostAsync folds) are written in one transaction each. The smoke run
// checks that both give the same pages.
internal sealed class DashboardSeeder(string dbPath, IRoundStore store, QuestionBank bank)
{
    public static DateTimeOffset Slot(DateTimeOffset firstDay, int q) => firstDay.AddDays(q).AddHours(9);

    public static (int Choice, bool Correct)? Answer(QuestionBank bank, int member, int q)
    {
        var roll = (int)((uint)((member * 31) + (q * 17)) * 2654435761u % 100);
        return roll < 10 + (member % 50) ? BoardSeeder.Answer(bank, member, q) : null;
    }

    public static string Key(int member) => $"msteams:29:member-{member}";

    public async Task<long> SeedAsync(string conversationKey, int members, int days, DateTimeOffset firstDay, bool real, CancellationToken ct)
    {
        var round = new Round(conversationKey, bank.Id, "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromHours(8), true, false,
            RoundStatus.Active, 0, null, null, "msteams:bench-admin", firstDay, 1);
        if (!await store.SaveRoundAsync(round, null, ct))
        {
            throw new InvalidOperationException("Could not save the round.");
        }
        var boards = new Dictionary<(string Period, int Member), BoardEntry>();
        var tallies = new List<(string PostId, int[] Tally)>();
        long answers = 0;
        for (var q = 0; q < days; q++)
        {
            var slot = Slot(firstDay, q);
            var question = bank.Questions[q % bank.Questions.Count];
            var post = new RoundPost(RoundPost.IdFor(conversationKey, slot, 0), conversationKey, bank.Id, PostedQuestion.Of(question), slot, slot.AddHours(8),
                "UTC", PostState.Claimed, null, null, "bench", null, false, BankVersion: bank.Version);
            var advanced = round with { Cursor = round.Cursor + 1, Version = round.Version + 1 };
            if (!await store.ClaimSlotAsync(advanced, round.Version, [post], ct))
            {
                throw new InvalidOperationException($"Could not claim {post.Id}");
            }
            round = advanced;
            await store.MarkPostedAsync(post.Id, $"act-{q}", slot, ct);
            var given = new List<PostAnswer>();
            var tally = new int[question.Choices.Count];
            for (var m = 0; m < members; m++)
            {
                if (Answer(bank, m, q) is var (choice, correct))
                {
                    given.Add(new PostAnswer(post.Id, Key(m), BoardSeeder.Name(m), choice, correct, slot.AddMilliseconds(m)));
                    tally[choice]++;
                }
            }
            answers += given.Count;
            var periods = Periods.For(slot, TimeZoneInfo.Utc);
            if (real)
            {
                await ExecuteManyAsync("INSERT INTO post_answers (post_id, user_key, user_name, choice, correct, answered_at) VALUES ($p, $u, $n, $c, $ok, $at)",
                    given.Select(a => new object[] { a.PostId, a.UserKey, a.UserName, a.Choice, a.Correct ? 1 : 0, a.AnsweredAt.ToUnixTimeMilliseconds() }), ct);
            }
            else
            {
                tallies.Add((post.Id, tally));
                foreach (var a in given)
                {
                    var m = int.Parse(a.UserKey[(a.UserKey.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    var streak = Scoring.NextStreak(boards.GetValueOrDefault((Periods.All, m)), a.Correct);
                    foreach (var period in periods)
                    {
                        boards[(period, m)] = Scoring.Apply(boards.GetValueOrDefault((period, m)), a, streak);
                    }
                }
            }
            if ((await store.ClosePostAsync(post.Id, question.Choices.Count, periods, ct))?.State != PostState.Closed)
            {
                throw new InvalidOperationException($"Could not close {post.Id}");
            }
        }
        if (!real)
        {
            await ExecuteManyAsync("UPDATE posts SET tally = $t WHERE id = $id", tallies.Select(t => new object[] { string.Join(',', t.Tally), t.PostId }), ct);
            await ExecuteManyAsync("INSERT INTO board (conversation_key, period, user_key, name, points, correct, answered, streak, best_streak) " +
                "VALUES ($c, $p, $u, $n, $pts, $ok, $ans, $s, $best)",
                boards.Select(b => new object[] { conversationKey, b.Key.Period, b.Value.UserKey, b.Value.Name, b.Value.Points, b.Value.Correct, b.Value.Answered, b.Value.Streak, b.Value.BestStreak }), ct);
            await ExecuteManyAsync("INSERT INTO board_members (conversation_key, period, members) SELECT conversation_key, period, COUNT(*) FROM board WHERE conversation_key = $c GROUP BY period",
                [[conversationKey]], ct);
            await ExecuteManyAsync("INSERT INTO board_points (conversation_key, period, points, members) SELECT conversation_key, period, points, COUNT(*) FROM board WHERE conversation_key = $c GROUP BY period, points",
                [[conversationKey]], ct);
        }
        return answers;
    }

    // One prepared statement, one transaction; parameters are numbered $-names in the order the SQL names them.
    private async Task ExecuteManyAsync(string sql, IEnumerable<object[]> rows, CancellationToken ct)
    {
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString());
        await c.OpenAsync(ct);
        await using var tx = c.BeginTransaction();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var names = System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct().ToArray();
        var p = names.Select(name => cmd.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var values in rows)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p[i].Value = values[i];
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
