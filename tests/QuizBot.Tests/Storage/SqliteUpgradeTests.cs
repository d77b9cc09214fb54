using Microsoft.Data.Sqlite;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// A database an earlier QuizBot left behind, opened by this one: what was open goes on as it was.
public sealed class SqliteUpgradeTests : IDisposable
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private static readonly string Room = ChatHost.Conversation("room-1");
    private static readonly Participant Ann = ChatHost.Person("ann", "Ann");
    private static readonly Participant Bob = ChatHost.Person("bob", "Bob");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // Schema v4 (positions, not ids) with a post open in Room at the seed bank's 4th question and Ann's quiz at its 2nd.
    private string V4Database(DateTimeOffset now, out string postId)
    {
        var path = _dir.File("quizbot.db");
        var slot = now.AddMinutes(-30);
        postId = RoundPost.IdFor(Room, slot, 0);
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        SqliteSchema.Migrate(c, 4);
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO conversations (key, address) VALUES ($room, $address);
            INSERT INTO rounds (conversation_key, bank_id, cron, schedule_text, time_zone, questions_per_post, window_seconds, repeat, weekly_board,
                status, cursor, next_due_at, next_board_at, created_by, created_at, version)
            VALUES ($room, $bank, '0 9 * * *', 'daily 09:00', 'UTC', 1, 7200, 1, 0, 0, 4, NULL, NULL, 'alice', $slot, 5);
            INSERT INTO posts (id, conversation_key, bank_id, question_index, slot_at, closes_at, time_zone, state, message_id, posted_at, claimed_by)
            VALUES ($post, $room, $bank, 3, $slot, $closes, 'UTC', 1, 'm-old', $slot, 'old-instance');
            INSERT INTO sessions (id, user_key, conversation_key, bank_id, position, score, status, started_at)
            VALUES ('old-session', $ann, 'dm', $bank, 1, 1, 0, $slot);
            INSERT INTO session_answers (session_id, question_index, choice, correct, answered_at) VALUES ('old-session', 0, $choice, 1, $slot);
            """;
        cmd.Parameters.AddWithValue("$room", Room);
        cmd.Parameters.AddWithValue("$address", "address-of-" + Room);
        cmd.Parameters.AddWithValue("$bank", Seed.Id);
        cmd.Parameters.AddWithValue("$post", postId);
        cmd.Parameters.AddWithValue("$slot", slot.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$closes", slot.AddHours(2).ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$ann", Ann.Key);
        cmd.Parameters.AddWithValue("$choice", Seed.Questions[0].Answer);
        cmd.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public async Task A_v4_database_with_an_open_post_and_an_open_session_takes_right_answers_as_right()
    {
        var now = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero); // ChatHost's clock
        var path = V4Database(now, out var postId);
        using var host = new ChatHost(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = path }, "test:alice");

        var round = await host.ClickAsync(Bob, Room, new CardAction.RoundAnswer(postId, Seed.Questions[3].Answer));
        var result = Assert.IsType<ChatView.RoundResult>(Assert.Single(round.Messages).View).View;
        Assert.True(result.Correct);
        Assert.Equal(Seed.Questions[3].Id, result.Question.Id);

        var quiz = await host.ClickAsync(Ann, "dm", new CardAction.Answer("old-session", 1, Seed.Questions[1].Answer));
        var answered = Assert.IsType<ChatView.Result>(quiz.Messages[0].View).View;
        Assert.True(answered.Correct);
        Assert.Equal(Seed.Questions[2].Id, Assert.IsType<ChatView.Question>(quiz.Messages[1].View).View.Question.Id);

        // The old post closes on time with its card updated and Bob's point on the board.
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.TickAsync();
        var closed = Assert.Single(host.Outbound.Views<ChatView.RoundClosed>()).View;
        Assert.Equal((Seed.Questions[3].Id, 1), (closed.Question.Id, closed.Tally[closed.Question.Answer]));
        Assert.Equal("m-old", Assert.Single(host.Outbound.Calls, c => c.View is ChatView.RoundClosed).MessageId);
        var board = Assert.IsType<ChatView.Board>(Assert.Single((await host.SayAsync(Bob, Room, "leaderboard all")).Messages).View).View;
        Assert.Equal([("Bob", 1)], board.Rows.Select(r => (r.Name, r.Points)));
    }
    [Fact]
    public async Task A_v11_database_ranks_members_beyond_the_top_as_before_from_the_points_counts_the_upgrade_makes()
    {
        var path = _dir.File("quizbot.db");
        // Points by member on the all-time board: a 3, b 2, c 2, d 1, e 0.
        V11Database(path, """
            INSERT INTO board (conversation_key, period, user_key, name, points, correct, answered, streak, best_streak)
            VALUES ('r', 'all', 'a', 'A', 3, 3, 3, 3, 3), ('r', 'all', 'b', 'B', 2, 2, 3, 0, 2), ('r', 'all', 'c', 'C', 2, 2, 3, 0, 2),
                ('r', 'all', 'd', 'D', 1, 1, 3, 0, 1), ('r', 'all', 'e', 'E', 0, 0, 3, 0, 0);
            """);
        using var store = new SqliteQuizStore(path);
        async Task<int?[]> RanksAsync(params string[] users)
        {
            var ranks = new List<int?>();
            foreach (var user in users)
            {
                ranks.Add((await store.GetBoardAsync("r", Periods.All, 0, user, CancellationToken.None)).Me?.Rank);
            }
            return [.. ranks];
        }

        // Closes and revisions keep the counts from then on: the contract's board and revise cases read ranks that way.
        Assert.Equal([1, 2, 2, 4, 5], await RanksAsync("a", "b", "c", "d", "e"));
    }

    private static void V11Database(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        SqliteSchema.Migrate(c, 11);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
