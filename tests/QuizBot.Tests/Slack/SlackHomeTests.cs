using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;
using QuizBot.Quizzes.Rounds;
using QuizBot.Scheduling;
using QuizBot.Storage;

namespace QuizBot.Tests.Slack;

// The App Home tab through the real service: app_home_opened and answers publish it (views.publish) to the stand-in,
// and every published view is checked against Slack's own SDK types when the app is disposed.
[Trait("Category", "External")]
public sealed class SlackHomeTests
{
    [Fact]
    public async Task Opening_home_with_no_activity_shows_how_to_start()
    {
        await using var app = new SlackApp();

        Assert.Equal(HttpStatusCode.OK, (await app.OpenHomeAsync("U0CAROL")).StatusCode);

        var publish = await app.Slack.NextAsync("views.publish");
        Assert.Equal("U0CAROL", publish["user_id"]);
        var home = Text(app.Slack.HomeView("U0CAROL"));
        Assert.Contains("\"type\":\"home\"", home, StringComparison.Ordinal);
        Assert.Contains("`quiz`", home, StringComparison.Ordinal);
        Assert.Contains("`/quiz help`", home, StringComparison.Ordinal);
        Assert.Contains(Json(SlackHomeView.NoOpenText), home, StringComparison.Ordinal);
        Assert.Contains(Json(SlackHomeView.NoBoardsText), home, StringComparison.Ordinal);
        Assert.DoesNotContain("Your stats", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_messages_tab_publishes_nothing()
    {
        await using var app = new SlackApp();

        await app.OpenHomeAsync("U0BOB", tab: "messages");
        await app.OpenHomeAsync("U0CAROL");

        Assert.Equal("U0CAROL", (await app.Slack.NextAsync("views.publish"))["user_id"]);
        await app.Slack.ExpectNothingMoreAsync("views.publish", TimeSpan.FromMilliseconds(500));
        Assert.Null(app.Slack.HomeView("U0BOB"));
    }

    [Fact]
    public async Task Answering_refreshes_home_at_most_once_a_burst_and_home_then_shows_the_stats_and_the_week_board()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var app = new SlackApp(time);
        await app.CommandAsync("U0ALICE", "schedule daily 23:00 UTC window 2h");
        await app.Slack.NextAsync("response_url");
        await app.CommandAsync("U0ALICE", "post now");
        var posted = await app.Slack.NextAsync("chat.postMessage");
        var buttons = SlackApp.Buttons(posted);
        var post = await WaitPostedAsync(app, buttons[0]);
        var question = SlackViewSamples.Banks.Resolve(post)!;

        // Before answering: no stats yet, and the open question waits for Bob in the channel.
        await app.OpenHomeAsync("U0BOB");
        await app.Slack.NextAsync("views.publish");
        var before = Text(app.Slack.HomeView("U0BOB"));
        Assert.Contains($"<#{SlackApp.Room}>", before, StringComparison.Ordinal);
        Assert.Contains(Json(question.Text), before, StringComparison.Ordinal);
        Assert.Contains("`/quiz help`", before, StringComparison.Ordinal);

        // Bob answers: his Home is published again without his opening it, and the question has left its list.
        await app.ClickAsync("U0BOB", SlackApp.Room, posted.ResponseId!, buttons[1]);
        await app.Slack.NextAsync("response_url");
        await app.Slack.NextAsync("views.publish");
        var after = Text(app.Slack.HomeView("U0BOB"));
        Assert.DoesNotContain(Json(question.Text), after, StringComparison.Ordinal);
        Assert.Contains(Json(SlackHomeView.NoOpenText), after, StringComparison.Ordinal);

        // More clicks within the interval: one publish at its end, not one per click.
        await app.ClickAsync("U0BOB", SlackApp.Room, posted.ResponseId!, buttons[1]);
        await app.ClickAsync("U0BOB", SlackApp.Room, posted.ResponseId!, buttons[2]);
        await app.Slack.NextAsync("response_url");
        await app.Slack.NextAsync("response_url");
        await app.Slack.ExpectNothingMoreAsync("views.publish", TimeSpan.FromMilliseconds(500));
        time.Advance(SlackHomeTab.RefreshInterval);
        await app.Slack.NextAsync("views.publish");
        await app.Slack.ExpectNothingMoreAsync("views.publish", TimeSpan.FromMilliseconds(500));

        // The close folds the answers into the boards; Carol answered too, so the week board has two people.
        await app.ClickAsync("U0CAROL", SlackApp.Room, posted.ResponseId!, buttons[0]);
        await app.Slack.NextAsync("response_url");
        time.Advance(TimeSpan.FromHours(2));
        await app.Bot.Get<RoundScheduler>().TickAsync(default);
        await app.OpenHomeAsync("U0BOB");
        var opened = await WaitForHomeAsync(app, "U0BOB", h => h.Contains("Your stats", StringComparison.Ordinal));

        var right = question.Answer == 1;
        Assert.Contains("Your stats in 1 channel", opened, StringComparison.Ordinal);
        Assert.Contains("*Answered*\\n1", opened, StringComparison.Ordinal);
        Assert.Contains($"*Correct*\\n{(right ? 1 : 0)}", opened, StringComparison.Ordinal);
        Assert.Contains($"*<#{SlackApp.Room}>*", opened, StringComparison.Ordinal);
        Assert.Contains("2 people on this board", opened, StringComparison.Ordinal);
        Assert.Contains("(you)", opened, StringComparison.Ordinal);
        Assert.Contains("carol", opened, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("`/quiz help`", opened, StringComparison.Ordinal);
    }

    // Issue 16: the burst after a daily post is many people answering at once. Their Homes are published one at a time
    // per workspace, each read when its turn comes, not all read at the click and then held waiting for Slack's pace.
    [Fact]
    public async Task A_burst_of_answers_from_many_people_publishes_their_homes_one_at_a_time()
    {
        await using var app = new SlackApp();
        await app.CommandAsync("U0ALICE", "schedule daily 23:00 UTC window 2h");
        await app.Slack.NextAsync("response_url");
        await app.CommandAsync("U0ALICE", "post now");
        var posted = await app.Slack.NextAsync("chat.postMessage");
        var buttons = SlackApp.Buttons(posted);
        await WaitPostedAsync(app, buttons[0]);
        var slackAnswers = new TaskCompletionSource();
        app.Slack.Hold("views.publish", slackAnswers.Task);

        string[] people = ["U0BOB", "U0CAROL", "U0DAVE"];
        foreach (var person in people)
        {
            await app.ClickAsync(person, SlackApp.Room, posted.ResponseId!, buttons[1]);
            await app.Slack.NextAsync("response_url");
        }
        await app.Slack.NextAsync("views.publish");
        await app.Slack.ExpectNothingMoreAsync("views.publish", TimeSpan.FromMilliseconds(500));

        slackAnswers.SetResult();
        await app.Slack.NextAsync("views.publish");
        await app.Slack.NextAsync("views.publish");
        Assert.Equal(people.Order(), app.Slack.CallsTo("views.publish").Select(c => c["user_id"]!).Order());
    }

    // The bot marks the post open right after Slack answers chat.postMessage; clicks before that are refused.
    private static async Task<RoundPost> WaitPostedAsync(SlackApp app, JsonObject button)
    {
        var postId = JsonNode.Parse(button["value"]!.GetValue<string>())!["p"]!.GetValue<string>();
        var rounds = app.Bot.Get<IRoundStore>();
        for (var i = 0; i < 100; i++)
        {
            if (await rounds.GetPostAsync(postId, default) is { State: PostState.Posted } post)
            {
                return post;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"Post {postId} was never marked posted.");
    }

    // The Home as last published, once it satisfies the condition (a publish from an earlier answer may land first).
    private static async Task<string> WaitForHomeAsync(SlackApp app, string user, Func<string, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            if (app.Slack.HomeView(user) is { } view && done(Text(view)))
            {
                return Text(view);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Home of {user} never matched: {Text(app.Slack.HomeView(user))}");
    }

    // Relaxed, so < > & and backticks read as Slack sees them rather than as \u003C and friends.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Text(JsonObject? view) => view?.ToJsonString(Readable) ?? "";

    // How a text appears inside the JSON of a view (quotes and the like escaped), after Slack's own escaping.
    private static string Json(string text) =>
        JsonValue.Create(text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)).ToJsonString(Readable)[1..^1];
}
