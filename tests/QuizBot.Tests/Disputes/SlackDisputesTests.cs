using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Tests.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Disputes;

// "Report a problem" in a Slack channel: the button on the ephemeral verdict opens a modal (views.open), its
// view_submission makes the report or answers response_action errors, and an admin decides from `/quiz disputes`.
public sealed class SlackDisputesTests : IAsyncLifetime
{
    private const string Conversation = "slack:" + SlackEvents.TeamId + ":" + SlackApp.Room;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private SlackApp _app = null!;
    private List<JsonObject> _buttons = null!;
    private string _postTs = null!;
    private int _triggers;

    public async Task InitializeAsync()
    {
        _app = new SlackApp(_time);
        await _app.CommandAsync("U0ALICE", "schedule daily 23:00 UTC window 2h");
        await _app.Slack.NextAsync("response_url");
        await _app.CommandAsync("U0ALICE", "post now");
        var posted = await _app.Slack.NextAsync("chat.postMessage");
        _buttons = SlackApp.Buttons(posted);
        _postTs = posted.ResponseId!;
        var postId = JsonNode.Parse(_buttons[0]["value"]!.GetValue<string>())!["p"]!.GetValue<string>();
        var rounds = _app.Bot.Get<IRoundStore>();
        for (var i = 0; i < 100 && (await rounds.GetPostAsync(postId, default))?.State != PostState.Posted; i++)
        {
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Question Asked => BankLoader.Load(Repo.Path("banks", "model-compression.json")).Questions[0];

    // Answers, clicks "Report a problem" on the verdict, and returns the modal Slack opened.
    private async Task<JsonObject> OpenReportAsync(string user, int choice)
    {
        await _app.ClickAsync(user, SlackApp.Room, _postTs, _buttons[choice]);
        var verdict = await _app.Slack.NextAsync("response_url");
        var report = SlackApp.Buttons(verdict).Single(b => b["action_id"]!.GetValue<string>() == "quizbot-report");
        var opened = _app.Slack.OpenedViews.Count;
        var click = SlackInteractions.ButtonClick(user, SlackApp.Room, _postTs, "quizbot-report", report["value"]!.GetValue<string>(),
            _app.Slack.ResponseUrl(), blockId: "quizbot-report", ephemeral: true, triggerId: $"trigger-{++_triggers}");
        (await _app.SendAsync(_app.Sender.Interaction("/api/slack/interactions", click))).EnsureSuccessStatusCode();
        await _app.Slack.NextAsync("views.open");
        return _app.Slack.OpenedViews[opened];
    }

    private async Task<(HttpStatusCode Status, string Body)> SubmitAsync(string user, JsonObject view, string? reason, string? text)
    {
        var values = new List<(string, string, JsonObject)> { ("text", "text", SlackInteractions.Typed(text)) };
        if (reason is not null)
        {
            values.Add(("reason", "reason", SlackInteractions.Selected(reason)));
        }
        using var response = await _app.SendAsync(_app.Sender.Interaction("/api/slack/interactions", SlackInteractions.ViewSubmission(user, view, [.. values])));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<IReadOnlyList<DisputeReport>> OpenReportsAsync() => _app.Bot.Get<IDisputeStore>().GetOpenDisputesAsync(Conversation, 50, default);

    [Fact]
    public async Task A_report_from_a_modal_is_listed_for_the_admin_who_voids_it_and_the_reporter_is_told_ephemerally()
    {
        var modal = await OpenReportAsync("U0BOB", (Asked.Answer + 1) % 4);
        Assert.Equal("quizbot-report", modal["callback_id"]!.GetValue<string>());

        var (status, body) = await SubmitAsync("U0BOB", modal, "wrong", "C is right, see chapter 3");

        Assert.Equal((HttpStatusCode.OK, ""), (status, body)); // an empty 200 closes the modal
        var thanks = await _app.Slack.NextAsync("chat.postEphemeral");
        Assert.Equal("U0BOB", thanks["user"]);
        Assert.Contains("Thanks, your report", SlackApp.Text(thanks), StringComparison.Ordinal);

        await _app.CommandAsync("U0CAROL", "disputes");
        Assert.Contains("only a QuizBot admin", SlackApp.Text(await _app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        await _app.CommandAsync("U0ALICE", "disputes");
        var list = await _app.Slack.NextAsync("chat.postMessage");
        var shown = SlackApp.Text(list);
        Assert.Contains("1 report", shown, StringComparison.Ordinal);
        Assert.Contains("C is right, see chapter 3", shown, StringComparison.Ordinal);
        var select = list.Body["blocks"]!.AsArray().OfType<JsonObject>().Select(b => b["accessory"]).OfType<JsonObject>().Single();
        var voidValue = select["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()).Single(v => v.Contains("\"void\"", StringComparison.Ordinal));

        // Carol forges the admin's choice: refused, nothing decided.
        await _app.SendAsync(_app.Sender.Interaction("/api/slack/interactions",
            SlackInteractions.SelectClick("U0CAROL", SlackApp.Room, list.ResponseId!, "quizbot-dispute", voidValue, _app.Slack.ResponseUrl())));
        Assert.Contains("only a QuizBot admin", SlackApp.Text(await _app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        Assert.Single(await OpenReportsAsync());

        await _app.SendAsync(_app.Sender.Interaction("/api/slack/interactions",
            SlackInteractions.SelectClick("U0ALICE", SlackApp.Room, list.ResponseId!, "quizbot-dispute", voidValue, _app.Slack.ResponseUrl())));
        var told = await _app.Slack.NextAsync("chat.postEphemeral");
        Assert.Equal(("U0BOB", SlackApp.Room), (told["user"], told["channel"]));
        Assert.Contains("voided the question", SlackApp.Text(told), StringComparison.Ordinal);
        Assert.Contains("voided", SlackApp.Text(await _app.Slack.NextAsync("response_url")), StringComparison.Ordinal);
        Assert.Empty(await OpenReportsAsync());

        _time.Advance(TimeSpan.FromHours(2));
        await _app.Bot.Get<RoundScheduler>().TickAsync(default);
        var board = await _app.Bot.Get<Leaderboards>().BoardAsync(Conversation, "all", null, default);
        Assert.Empty(board.Rows);
    }

    [Fact]
    public async Task Bad_input_in_the_modal_is_answered_with_errors_beside_the_field_and_nothing_is_stored()
    {
        var modal = await OpenReportAsync("U0BOB", 0);

        var oversized = await SubmitAsync("U0BOB", modal, "typo", new string('x', 501));
        var noReason = await SubmitAsync("U0BOB", modal, null, "what?");
        var otherEmpty = await SubmitAsync("U0BOB", modal, "other", null);
        var stranger = await SubmitAsync("U0DAVE", modal, "wrong", "forged");

        JsonObject Errors((HttpStatusCode Status, string Body) r)
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            var answer = JsonNode.Parse(r.Body)!;
            Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
            return answer["errors"]!.AsObject();
        }
        Assert.Equal("Your text has 501 characters; at most 500 fit. Shorten it and send the report again.", Errors(oversized)["text"]!.GetValue<string>());
        Assert.StartsWith("Pick what is wrong", Errors(noReason)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("the text is needed when the reason is", Errors(otherEmpty)["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not yours to report", Errors(stranger)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await OpenReportsAsync());
        Assert.Empty(_app.Slack.CallsTo("chat.postEphemeral"));
    }
}
