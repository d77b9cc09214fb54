using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Access;

// The service as its own process and Debian's Chromium: a link from a chat turn signs in, the board the browser shows
// is the chat board, the CSV is the board, the charts have a point per day and week and a bar per question and option,
// another conversation is not found, and the link does not work twice.
[Trait("Category", "External")]
public sealed class DashboardBrowserTests
{
    private const string Channel = "19:team@thread.tacv2";
    private const string Conversation = "msteams:" + Channel;

    [Fact]
    public async Task A_manager_signs_in_from_chat_and_the_browser_shows_the_chat_board_and_its_csv()
    {
        using var dir = new TempDir();
        var db = dir.File("quizbot.db");
        await SeedAsync(db);
        await using var connector = new RecordingConnector();
        await using var bot = await BotProcess.StartAsync(db, new Dictionary<string, string>
        {
            // Any loopback address passes validation; the link's origin is replaced by the process's own below.
            ["QuizBot:Dashboard:PublicBaseUrl"] = "http://localhost:1",
        });
        var mia = new Activities(connector.ServiceUrl, "msteams", Channel + ";messageid=1700000000001", "29:mia", "Mia", "channel");

        (await bot.PostAsync(mia.Message("<at>QuizBot</at> dashboard"))).EnsureSuccessStatusCode();
        var link = await LinkAsync(connector);
        var expected = await ChatBoardAsync(db);
        var origin = $"http://localhost:{bot.BaseAddress.Port}";
        link = origin + new Uri(link).PathAndQuery;
        var conv = Uri.EscapeDataString(Conversation);
        var config = new JsonObject
        {
            ["link"] = link,
            ["checks"] = new JsonArray(
                new JsonObject { ["name"] = "board", ["kind"] = "table", ["path"] = $"/dashboard/c/{conv}/board?span=all", ["table"] = "board" },
                new JsonObject { ["name"] = "csv", ["kind"] = "csv", ["path"] = $"/dashboard/c/{conv}/export/board.csv?span=all" },
                // Four weeks: one point a day (28) and one a week (4); one accuracy bar per closed question and one bar per
                // option of each.
                new JsonObject { ["name"] = "points", ["kind"] = "svg", ["path"] = $"/dashboard/c/{conv}/participation?weeks=4", ["selector"] = "circle.point" },
                new JsonObject { ["name"] = "bars", ["kind"] = "svg", ["path"] = $"/dashboard/c/{conv}/questions", ["selector"] = "rect.bar" },
                new JsonObject { ["name"] = "other", ["kind"] = "status", ["path"] = $"/dashboard/c/{Uri.EscapeDataString("msteams:19:other@thread.tacv2")}/board" },
                // A form posted from elsewhere with the session's cookies but without the page's anti-forgery token.
                new JsonObject { ["name"] = "forged", ["kind"] = "post", ["path"] = $"/dashboard/c/{conv}/do/round-pause", ["form"] = new JsonObject { ["return"] = "rounds" } },
                new JsonObject { ["name"] = "tampered", ["kind"] = "signin", ["link"] = link[..^2] + (link.EndsWith("00", StringComparison.Ordinal) ? "11" : "00") },
                new JsonObject { ["name"] = "reused", ["kind"] = "signin", ["link"] = link }),
        };
        var file = dir.File("checks.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        await using var driver = ChildProcess.Start("node", [Repo.Path("tests", "js", "dashboard-check.mjs"), file]);
        var exit = await driver.WaitForExitAsync(TimeSpan.FromMinutes(2));

        var results = driver.Lines.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(exit == 0 && results.Any(r => r["done"]?.GetValue<bool>() == true), driver.Output + "\n" + bot.Output);
        JsonNode Check(string name) => results.Single(r => r["check"]?.GetValue<string>() == name);
        Assert.Equal(200, Check("signin")["status"]!.GetValue<int>());
        Assert.EndsWith($"/dashboard/c/{conv}/board", Check("signin")["url"]!.GetValue<string>(), StringComparison.Ordinal);
        var rows = Check("board")["rows"]!.AsArray().Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToArray()).ToList();
        Assert.Equal(expected, rows);
        Assert.Equal(["Rank,Name,Points,Correct,Accuracy,Streak", .. expected.Select(r => string.Join(",", r))],
            Check("csv")["text"]!.GetValue<string>().Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(28 + 4, Check("points")["count"]!.GetValue<int>());
        var bank = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
        Assert.Equal(3 + bank.Questions.Take(3).Sum(q => q.Choices.Count), Check("bars")["count"]!.GetValue<int>());
        Assert.Equal(404, Check("other")["status"]!.GetValue<int>());
        Assert.Equal(400, Check("reused")["status"]!.GetValue<int>());
        Assert.Equal(400, Check("tampered")["status"]!.GetValue<int>());
        Assert.Equal(400, Check("forged")["status"]!.GetValue<int>());
    }

    // The link reaches the person privately: a 1:1 conversation the bot created, never the channel.
    private static async Task<string> LinkAsync(RecordingConnector connector)
    {
        for (var i = 0; i < 5; i++)
        {
            var call = await connector.NextAsync(TimeSpan.FromSeconds(20));
            var match = Regex.Match(call.Text ?? "", @"http://localhost:1/dashboard/signin\?t=[0-9a-f]+");
            if (match.Success)
            {
                Assert.NotEqual(Channel, call.ConversationId);
                return match.Value;
            }
        }
        throw new InvalidOperationException("No sign-in link reached the connector.");
    }

    // What the chat board reads (the same store query), top ten of all time, as the page's cells.
    private static async Task<List<string[]>> ChatBoardAsync(string db)
    {
        using var store = new SqliteQuizStore(db);
        var page = await store.GetBoardAsync(Conversation, Periods.All, Leaderboards.Top, "", default);
        return [.. page.Top.Select(r => new[] { $"{r.Rank}", r.Entry.Name, $"{r.Entry.Points}", $"{r.Entry.Correct}",
            $"{(int)Math.Round(100.0 * r.Entry.Correct / r.Entry.Answered)}%", $"{r.Entry.Streak}" })];
    }

    // A round with three closed posts, answered by four people, and Mia a manager of the channel.
    private static async Task SeedAsync(string db)
    {
        var bank = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
        using var store = new SqliteQuizStore(db);
        await store.InitializeAsync(default);
        var now = TimeProvider.System.GetUtcNow();
        var round = new Round(Conversation, bank.Id, "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromMinutes(30), true, false, RoundStatus.Paused, 0,
            null, null, "msteams:29:alice", now.AddDays(-2), 1);
        Assert.True(await store.SaveRoundAsync(round, null, default));
        string[] people = ["Ada", "Bob", "Cy", "Dee"];
        for (var i = 0; i < 3; i++)
        {
            var question = bank.Questions[i];
            var slot = now.AddHours(-30 + i);
            var post = new RoundPost(RoundPost.IdFor(Conversation, slot, 0), Conversation, bank.Id, PostedQuestion.Of(question), slot, slot.AddMinutes(30), "UTC",
                PostState.Claimed, null, null, "seed", null, false);
            var current = (await store.GetRoundAsync(Conversation, default))!;
            Assert.True(await store.ClaimSlotAsync(current with { Cursor = i + 1, Version = current.Version + 1 }, current.Version, [post], default));
            await store.MarkPostedAsync(post.Id, "m" + i, slot, default);
            for (var p = 0; p < people.Length - i; p++)
            {
                var right = (p + i) % 3 != 0;
                var choice = right ? question.Answer : (question.Answer + 1) % question.Choices.Count;
                await store.AddPostAnswerAsync(new PostAnswer(post.Id, "msteams:29:" + people[p].ToLowerInvariant(), people[p], choice, right, slot.AddMinutes(p + 1)), default);
            }
            await store.ClosePostAsync(post.Id, question.Choices.Count, Periods.For(slot, TimeZoneInfo.Utc), default);
        }
        await store.SetManagerAsync(Conversation, "msteams:29:mia", true, default);
    }
}
