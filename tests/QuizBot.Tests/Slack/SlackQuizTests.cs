using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Scheduling;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Slack end to end: signed requests from a workspace to the real service, Web API calls to the Slack stand-in.
[Trait("Category", "External")]
public sealed class SlackQuizTests
{
    [Fact]
    public async Task A_person_takes_the_seed_quiz_in_a_direct_message_and_each_click_updates_that_question_in_place()
    {
        await using var app = new SlackApp();
        Assert.Equal(HttpStatusCode.OK, (await app.DirectMessageAsync("U0BOB", "quiz")).StatusCode);
        var question = await app.Slack.NextAsync("chat.postMessage");
        Assert.Contains("Question 1 of 10", SlackApp.Text(question), StringComparison.Ordinal);
        for (var n = 1; n <= 10; n++)
        {
            var buttons = SlackApp.Buttons(question);
            Assert.Equal(4, buttons.Count);
            await app.ClickAsync("U0BOB", SlackApp.Dm, question.ResponseId!, buttons[0]);
            // The click's response_url replaces the clicked question with the verdict.
            var result = await app.Slack.NextAsync("response_url");
            Assert.True(result.Body["replace_original"]!.GetValue<bool>());
            Assert.Contains("Right answer", SlackApp.Text(result), StringComparison.Ordinal);
            question = await app.Slack.NextAsync("chat.postMessage");
            if (n < 10)
            {
                Assert.Contains($"Question {n + 1} of 10", SlackApp.Text(question), StringComparison.Ordinal);
            }
        }
        Assert.Contains("You scored", SlackApp.Text(question), StringComparison.Ordinal);
        Assert.Empty(app.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task A_self_paced_quiz_resumes_where_it_stopped_after_a_restart()
    {
        var db = Path.Combine(Path.GetTempPath(), $"quizbot-slack-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = db };
        try
        {
            await using (var first = new SlackApp(settings: settings))
            {
                await first.DirectMessageAsync("U0BOB", "quiz");
                var q1 = await first.Slack.NextAsync("chat.postMessage");
                await first.ClickAsync("U0BOB", SlackApp.Dm, q1.ResponseId!, SlackApp.Buttons(q1)[1]);
                await first.Slack.NextAsync("response_url");
                await first.Slack.NextAsync("chat.postMessage");
            }
            await using var second = new SlackApp(settings: settings);
            await second.DirectMessageAsync("U0BOB", "quiz");
            var resumed = await second.Slack.NextAsync("chat.postMessage");
            var all = SlackApp.Text(resumed) + SlackApp.Text(await second.Slack.NextAsync("chat.postMessage"));
            Assert.Contains("Question 2 of 10", all, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var f in Directory.EnumerateFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
            {
                File.Delete(f);
            }
        }
    }

    [Fact]
    public async Task A_channel_round_goes_from_schedule_to_close_with_private_verdicts_and_one_answer_each()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var app = new SlackApp(time);
        await ChannelRoundAsync(app, time);
    }

    // Three people, a double click, a changed answer, the close and a late click; run on SQLite here and on Azure Tables
    // in SlackRoundOnTablesTests.
    internal static async Task ChannelRoundAsync(SlackApp app, FakeTimeProvider time)
    {
        // Bob is no admin; Alice is a workspace admin (users.info), so she may schedule.
        await app.CommandAsync("U0BOB", "schedule daily 23:00 UTC window 2h");
        Assert.Contains("only a QuizBot admin", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        await app.CommandAsync("U0ALICE", "schedule daily 23:00 UTC window 2h");
        Assert.Contains("next", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.OrdinalIgnoreCase);
        await app.CommandAsync("U0ALICE", "post now");
        var posted = await app.Slack.NextAsync("chat.postMessage");
        Assert.Equal(SlackApp.Room, posted.Body["channel"]!.GetValue<string>());
        var buttons = SlackApp.Buttons(posted);
        // The bot marks the post open right after Slack answers chat.postMessage; clicks before that are refused.
        var postId = JsonNode.Parse(buttons[0]["value"]!.GetValue<string>())!["p"]!.GetValue<string>();
        var rounds = app.Bot.Get<QuizBot.Storage.IRoundStore>();
        for (var i = 0; i < 100 && (await rounds.GetPostAsync(postId, default))?.State != QuizBot.Quizzes.Rounds.PostState.Posted; i++)
        {
            await Task.Delay(20);
        }

        // A click, the same click again and a changed answer: one answer counts, and each verdict goes to Bob alone.
        var verdicts = new List<SlackCall>();
        foreach (var choice in new[] { 0, 0, 2 })
        {
            await app.ClickAsync("U0BOB", SlackApp.Room, posted.ResponseId!, buttons[choice]);
            verdicts.Add(await app.Slack.NextAsync("response_url"));
        }
        Assert.All(verdicts, v => Assert.Equal("ephemeral", v.Body["response_type"]!.GetValue<string>()));
        Assert.DoesNotContain("first answer stands", SlackApp.Text(verdicts[0]), StringComparison.Ordinal);
        Assert.All(verdicts.Skip(1), v => Assert.Contains("first answer stands", SlackApp.Text(v), StringComparison.Ordinal));
        await app.ClickAsync("U0CAROL", SlackApp.Room, posted.ResponseId!, buttons[1]);
        await app.ClickAsync("U0DAVE", SlackApp.Room, posted.ResponseId!, buttons[3]);
        await app.Slack.NextAsync("response_url");
        await app.Slack.NextAsync("response_url");

        // The shared message shows the count and who answered, never what they chose.
        await app.Bot.Get<RoundScheduler>().TickAsync(default);
        var count = await app.Slack.NextAsync("chat.update");
        Assert.Equal(posted.ResponseId, count.Body["ts"]!.GetValue<string>());
        Assert.Contains("3 answers so far", SlackApp.Text(count), StringComparison.Ordinal);
        Assert.Contains("bob", SlackApp.Text(count), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromHours(2));
        await app.Bot.Get<RoundScheduler>().TickAsync(default);
        var closed = await app.Slack.NextAsync("chat.update");
        Assert.Empty(SlackApp.Buttons(closed));
        Assert.Contains("3 answers", SlackApp.Text(closed), StringComparison.Ordinal);

        await app.ClickAsync("U0CAROL", SlackApp.Room, posted.ResponseId!, buttons[0]);
        Assert.Contains("closed", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        await app.CommandAsync("U0DAVE", "leaderboard all");
        var board = SlackApp.Text(await app.Slack.NextAsync("chat.postMessage"));
        Assert.Contains("3 people", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_stale_and_tampered_requests_change_nothing_and_call_no_web_api()
    {
        await using var app = new SlackApp();
        var body = Encoding.UTF8.GetBytes(SlackEvents.Callback(SlackEvents.MessageIm("U0BOB", SlackApp.Dm, "quiz")).ToJsonString());
        var stale = app.Signed("/api/slack/events", body, "application/json", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 301);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(stale)).StatusCode);
        var tampered = app.Signed("/api/slack/events", body, "application/json");
        tampered.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("quiz", "help", StringComparison.Ordinal)));
        tampered.Content.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(tampered)).StatusCode);
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands") { Content = new StringContent("command=%2Fquiz&text=post+now") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(unsigned)).StatusCode);

        // A forged button value and an unknown action: a clear sentence to the clicker alone, nothing stored.
        await app.ClickAsync("U0BOB", SlackApp.Room, "1700000000.000100",
            new JsonObject { ["action_id"] = "quizbot-answer-0", ["value"] = "{\"action\":\"round\",\"p\":\"forged\",\"c\":0}" });
        Assert.Contains("not part of a round", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        await app.ClickAsync("U0BOB", SlackApp.Room, "1700000000.000100", new JsonObject { ["action_id"] = "x", ["value"] = "drop tables" });
        Assert.Contains("does not know", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        await app.CommandAsync("U0BOB", "frobnicate ;; <script>");
        Assert.Contains("help", SlackApp.Text(await app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Slack.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task The_events_url_answers_slacks_url_verification_with_its_challenge()
    {
        await using var app = new SlackApp();
        var body = Encoding.UTF8.GetBytes(SlackEvents.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P").ToJsonString());
        using var response = await app.SendAsync(app.Signed("/api/slack/events", body, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redelivered_event_runs_once()
    {
        await using var app = new SlackApp();
        await app.DirectMessageAsync("U0BOB", "help", eventId: "Ev0SAME");
        await app.DirectMessageAsync("U0BOB", "help", eventId: "Ev0SAME");
        await app.Slack.NextAsync("chat.postMessage");
        await app.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromMilliseconds(500));
    }
}
