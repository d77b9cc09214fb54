using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using QuizBot.Tests.Support;
using Xunit.Abstractions;

namespace QuizBot.Tests.Faults;

// The service killed with SIGKILL in the middle of its work, then started again on the same database, as a crash and a
// restart do in production. Whatever the timing, an answer the bot acknowledged is kept, none is counted twice, and every
// post still closes with its card.
[Trait("Category", "External")]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Channels = 10;
    private const int PeoplePerChannel = 20;

    private static readonly Dictionary<string, string> Settings = new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" };

    [Fact]
    public async Task Killed_during_a_burst_of_200_answers_and_again_during_the_closes_no_answer_is_lost_or_counted_twice()
    {
        using var dir = new TempDir();
        var db = dir.File("quizbot.db");
        await using var connector = new RecordingConnector();
        var channelIds = Enumerable.Range(0, Channels).Select(i => $"19:crash-{i}@thread.tacv2").ToList();
        var admins = channelIds
            .Select((id, i) => new Activities(connector.ServiceUrl, "msteams", $"{id};messageid=17000000000{i:00}", "29:alice", "Alice", "channel"))
            .ToList();

        // Every process started here is killed when the test ends, also when it fails half-way.
        await using var processes = new BotProcesses();
        var bot = await processes.StartAsync(db, Settings);
        var buttons = new List<IReadOnlyList<JsonObject>>();
        foreach (var admin in admins)
        {
            (await bot.PostAsync(admin.Message("<at>QuizBot</at> schedule weekly sun 03:00 UTC window 1m"))).EnsureSuccessStatusCode();
            (await bot.PostAsync(admin.Message("<at>QuizBot</at> post now"))).EnsureSuccessStatusCode();
        }
        var posts = await QuestionPostsAsync(connector, Channels, bot);
        foreach (var id in channelIds)
        {
            buttons.Add(CardReading.Buttons(posts.Single(p => p.ConversationId == id).Card(), "round"));
        }

        // 200 people answer at once (one invoke each, the choice they picked kept for the check), 16 in flight.
        var answers = new List<(JsonObject Activity, string Person, string PostId, int Choice)>();
        for (var c = 0; c < Channels; c++)
        {
            for (var p = 0; p < PeoplePerChannel; p++)
            {
                var person = $"29:p{c}-{p}";
                var button = buttons[c][(c + p) % buttons[c].Count];
                answers.Add((admins[c].For(person, $"Person {c}-{p}").Invoke(button, "round"), person, button["p"]!.GetValue<string>(),
                    button["c"]!.GetValue<int>()));
            }
        }
        var acknowledged = new ConcurrentDictionary<int, bool>();
        using (var killAt = new CancellationTokenSource())
        {
            var sent = 0;
            var killed = Task.Run(async () =>
            {
                while (Volatile.Read(ref sent) < answers.Count / 2)
                {
                    await Task.Delay(5);
                }
                await bot.KillAsync();
            });
            await Parallel.ForEachAsync(Enumerable.Range(0, answers.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                if (i >= answers.Count * 3 / 4)
                {
                    // The last quarter goes out once the process is down, however fast the first half was answered, so
                    // the kill always lands inside the burst (answers still in flight then are the ones it cuts).
                    await killed;
                }
                try
                {
                    if ((await bot.PostAsync(answers[i].Activity, ct)).StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged[i] = true;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The process died under this request: the channel will deliver it again.
                }
                Interlocked.Increment(ref sent);
            });
            await killed;
        }
        Assert.InRange(acknowledged.Count, 1, answers.Count - 1); // the kill did land in the middle of the burst
        var beforeKill = acknowledged.Count;

        // Restarted on the same file: the channel redelivers what got no answer, and also some that did.
        bot = await processes.StartAsync(db, Settings);
        var redelivered = acknowledged.Keys.Take(30).ToList();
        foreach (var i in Enumerable.Range(0, answers.Count).Where(i => !acknowledged.ContainsKey(i)).Concat(redelivered))
        {
            var response = await bot.PostAsync(answers[i].Activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged[i] = true;
        }

        // The posts close a minute after `post now`; the connector is slowed so that the kill lands while closed cards
        // are on their way.
        connector.Delay = TimeSpan.FromSeconds(1.5);
        await WaitForAsync(() => connector.Calls.Any(IsClosedCard), TimeSpan.FromMinutes(3), "a closed card");
        await bot.KillAsync();
        connector.Delay = TimeSpan.Zero;
        var closedCardsBefore = connector.Calls.Count(IsClosedCard);

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using (bot = await processes.StartAsync(db, Settings))
        {
            await WaitForAsync(() => Scalar(db, "SELECT COUNT(*) FROM posts WHERE state = 2 AND closed_card_sent = 1") == Channels,
                TimeSpan.FromSeconds(60), "every post closed with its card sent");
        }
        output.WriteLine($"{beforeKill} of {answers.Count} answers acknowledged before the first kill; {closedCardsBefore} closed cards before the " +
            $"second; every post closed with its card {restarted.Elapsed.TotalSeconds:0.0} s after the restart");

        // Every acknowledged answer is stored once, with the choice that was clicked.
        var stored = Rows(db, "SELECT post_id, user_key, choice FROM post_answers")
            .Select(r => (PostId: (string)r[0], User: (string)r[1], Choice: (int)(long)r[2])).ToList();
        Assert.Equal(answers.Count, stored.Count);
        Assert.Equal(
            answers.Select(a => (a.PostId, a.Person, a.Choice)).Order(),
            stored.Select(s => (s.PostId, Person(s.User), s.Choice)).Order());
        // The boards count each of them once.
        var board = Rows(db, "SELECT conversation_key, SUM(answered), COUNT(*) FROM board WHERE period = 'all' GROUP BY conversation_key");
        Assert.Equal(Channels, board.Count);
        Assert.All(board, row => Assert.Equal((PeoplePerChannel, (long)PeoplePerChannel), ((int)(long)row[1], (long)row[2])));
        Assert.Equal(
            Scalar(db, "SELECT COUNT(*) FROM post_answers WHERE correct = 1"),
            Scalar(db, "SELECT SUM(correct) FROM board WHERE period = 'all'"));
        Assert.True(connector.Calls.Count(IsClosedCard) >= Channels, $"closed cards: {closedCardsBefore} before the second kill, {connector.Calls.Count(IsClosedCard)} in all");
    }

    // Teams user keys are "msteams:" and the person's AAD object id (the activities here give "aad-" + their id).
    private static string Person(string userKey)
    {
        var id = userKey["msteams:".Length..];
        return id.StartsWith("aad-", StringComparison.Ordinal) ? id["aad-".Length..] : id;
    }

    private static bool IsClosedCard(ConnectorCall call) =>
        call.Method == "PUT" && call.Attachments.Count > 0 && CardReading.Buttons(call.Card(), "round").Count == 0;

    private static async Task<List<ConnectorCall>> QuestionPostsAsync(RecordingConnector connector, int count, BotProcess bot)
    {
        await WaitForAsync(() => connector.Calls.Count(IsQuestion) >= count, TimeSpan.FromSeconds(30),
            () => $"the posted questions; the connector got:\n{string.Join('\n', connector.Calls.Select(c => $"{c.Method} {c.ConversationId} {c.Body.ToJsonString()[..Math.Min(300, c.Body.ToJsonString().Length)]}"))}\nthe bot wrote:\n{bot.Output}");
        return [.. connector.Calls.Where(IsQuestion)];

        static bool IsQuestion(ConnectorCall call) =>
            call.Method == "POST" && call.Attachments.Count > 0 && CardReading.Buttons(call.Card(), "round").Count > 0;
    }

    private static Task WaitForAsync(Func<bool> done, TimeSpan timeout, string what) => WaitForAsync(done, timeout, () => what);

    private static async Task WaitForAsync(Func<bool> done, TimeSpan timeout, Func<string> what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout} for {what()}.");
            }
            await Task.Delay(100);
        }
    }

    private static long Scalar(string db, string sql) => (long)Rows(db, sql).Single()[0];

    private static List<object[]> Rows(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<object[]>();
        while (r.Read())
        {
            var row = new object[r.FieldCount];
            r.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
