using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Scheduling;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// A team channel from schedule to leaderboard, over HTTP with the recording connector and a fake clock.
public sealed class TeamRoundOverHttpTests : IAsyncLifetime
{
    private const string Channel = "19:quiz-channel@thread.tacv2";
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    // Sunday 29 Nov 2026 20:00 UTC; Berlin is UTC+1 in winter, so "daily 09:00 Europe/Berlin" is 08:00 UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 20, 0, 0, TimeSpan.Zero));
    private readonly BotApp _app;
    private Activities _alice = null!;

    public TeamRoundOverHttpTests()
    {
        _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" }, _time);
    }

    public Task InitializeAsync()
    {
        _alice = new Activities(_app.Connector.ServiceUrl, "msteams", Channel + ";messageid=1700000000000", "29:alice", "Alice", "channel");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Activities Person(string id, string name) => _alice.For(id, name);

    private Task TickAsync() => _app.Get<RoundScheduler>().TickAsync(CancellationToken.None);

    private async Task<string> SayAsync(Activities who, string text)
    {
        (await _app.PostAsync(who.Message(text))).EnsureSuccessStatusCode();
        var reply = await _app.Connector.NextAsync();
        return reply.Text ?? CardReading.Words(reply.Card());
    }

    [Fact]
    public async Task An_admin_schedules_a_round_people_answer_privately_the_card_closes_and_the_boards_are_exact()
    {
        var confirmation = await SayAsync(_alice, "<at>QuizBot</at> schedule daily 09:00 Europe/Berlin window 2h");
        Assert.Contains("Scheduled", confirmation, StringComparison.Ordinal);
        Assert.Contains("Next post: Mon 30 Nov 2026 09:00 Europe/Berlin", confirmation, StringComparison.Ordinal);

        await TickAsync();
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(200));

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await TickAsync();
        var post = await _app.Connector.NextAsync();
        Assert.Equal("POST", post.Method);
        Assert.Equal(Channel, post.ConversationId); // a new post in the channel, not a reply in the thread
        var question = Seed.Questions[0];
        Assert.Contains(question.Text, CardReading.Words(post.Card()), StringComparison.Ordinal);
        var buttons = CardReading.Buttons(post.Card(), "round");
        Assert.Equal(4, buttons.Count);
        JsonObject Button(int choice) => buttons.Single(b => b["c"]!.GetValue<int>() == choice);
        var right = question.Answer;
        var wrong = (right + 1) % 4;

        _time.Advance(TimeSpan.FromSeconds(5));
        var ada = await _app.InvokeAsync(Person("29:ada", "Ada").Invoke(Button(right), "round"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var bob = await _app.InvokeAsync(Person("29:bob", "Bob").Invoke(Button(wrong), "round"));
        var bobAgain = await _app.InvokeAsync(Person("29:bob", "Bob").Invoke(Button(right), "round"));
        _time.Advance(TimeSpan.FromSeconds(50));
        await _app.InvokeAsync(Person("29:cy", "Cy").Invoke(Button(right), "round"));

        // Each person alone sees their result and the explanation; the second click changed nothing.
        Assert.Contains("Correct", CardReading.Words(ada["value"]!), StringComparison.Ordinal);
        Assert.Contains(question.Explanation, CardReading.Words(ada["value"]!), StringComparison.Ordinal);
        Assert.Contains("Not quite", CardReading.Words(bob["value"]!), StringComparison.Ordinal);
        Assert.Contains("first answer stands", CardReading.Words(bobAgain["value"]!), StringComparison.Ordinal);
        Assert.Contains("Not quite", CardReading.Words(bobAgain["value"]!), StringComparison.Ordinal);

        // Everyone else sees the question with a live count and never who chose what.
        await TickAsync();
        var update = await _app.Connector.NextAsync();
        Assert.Equal(("PUT", post.AssignedId), (update.Method, update.ActivityId));
        var shared = CardReading.Words(update.Card());
        Assert.Contains("3 answers so far", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct", shared, StringComparison.Ordinal);
        Assert.Contains("Ada", shared, StringComparison.Ordinal); // who answered, by name
        Assert.DoesNotContain("msteams:29:", shared, StringComparison.Ordinal);
        var refresh = update.Card().ToJsonString();
        Assert.Contains("29:ada", refresh, StringComparison.Ordinal);
        Assert.Contains("29:bob", refresh, StringComparison.Ordinal);

        // At the close everyone sees the outcome; a late click is told and counted nowhere.
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 1, TimeSpan.Zero));
        var late = await _app.InvokeAsync(Person("29:dan", "Dan").Invoke(Button(right), "round"));
        Assert.Equal("application/vnd.microsoft.activity.message", late["type"]!.GetValue<string>());
        Assert.Contains("closed", late["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await TickAsync();
        var closed = await _app.Connector.NextAsync();
        Assert.Equal(("PUT", post.AssignedId), (closed.Method, closed.ActivityId));
        var outcome = CardReading.Words(closed.Card());
        Assert.Contains("Closed", outcome, StringComparison.Ordinal);
        Assert.Contains(question.Explanation, outcome, StringComparison.Ordinal);
        Assert.Contains("Ada", outcome, StringComparison.Ordinal); // fastest correct
        Assert.DoesNotContain("Dan", outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("round-view", closed.Card().ToJsonString(), StringComparison.Ordinal);

        var tally = (await _app.Get<QuizBot.Storage.IQuizStore>().GetClosedPostsAsync("msteams:" + Channel, 10, default)).Single().Tally!;
        Assert.Equal(2, tally[right]);
        Assert.Equal(1, tally[wrong]);
        Assert.Equal(3, tally.Sum());

        // Week, month and all time agree: Ada and Cy tie on one point (alphabetical within the rank), Bob follows.
        var boards = _app.Get<Leaderboards>();
        foreach (var span in new[] { "week", "month", "all" })
        {
            var board = await boards.BoardAsync("msteams:" + Channel, span, new Participant("msteams:29:bob", "Bob"), default);
            Assert.Equal(
                [(1, "Ada", 1, 1, 1), (1, "Cy", 1, 1, 1), (3, "Bob", 0, 0, 1)],
                board.Rows.Select(r => (r.Rank, r.Name, r.Points, r.Correct, r.Answered)));
            Assert.True(board.Rows.Single(r => r.Name == "Bob").IsMe);

            var card = CardReading.Words((await SendForCardAsync(Person("29:bob", "Bob"), $"leaderboard {span}")));
            Assert.True(card.IndexOf("Ada", StringComparison.Ordinal) < card.IndexOf("Cy", StringComparison.Ordinal)
                && card.IndexOf("Cy", StringComparison.Ordinal) < card.IndexOf("Bob", StringComparison.Ordinal), card);
        }
        var stats = await boards.StatsAsync("msteams:" + Channel, new Participant("msteams:29:ada", "Ada"), default);
        Assert.Equal((1, 1, 1), (stats.Answered, stats.Correct, stats.Streak));
    }

    [Fact]
    public async Task People_who_are_not_admins_cannot_change_the_round_and_nothing_is_saved()
    {
        var bob = Person("29:bob", "Bob");
        foreach (var command in new[] { "schedule daily 09:00 UTC", "pause", "resume", "cancel", "post now", "admin add" })
        {
            Assert.Contains("only a QuizBot admin", await SayAsync(bob, command), StringComparison.Ordinal);
        }
        Assert.Contains("No round is scheduled", await SayAsync(bob, "rounds"), StringComparison.Ordinal);

        // Once an admin grants Bob, he can.
        Assert.Contains("Mention the person", await SayAsync(_alice, "<at>QuizBot</at> admin add Bob"), StringComparison.Ordinal);
        (await _app.PostAsync(_alice.Message("<at>QuizBot</at> admin add <at>Bob</at>", ("28:quizbot", "QuizBot"), ("29:bob", "Bob")))).EnsureSuccessStatusCode();
        Assert.Contains("Bob is now a QuizBot admin", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal);
        Assert.Contains("Scheduled", await SayAsync(bob, "schedule weekdays 09:30 America/New_York window 8h bank model-compression"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule daily 09:00 Mars/Olympus", "not a time zone")]
    [InlineData("schedule cron \"0 9 * *\" UTC", "not a valid cron")]
    [InlineData("schedule daily 09:00 UTC bank no-such-bank", "no bank called")]
    [InlineData("schedule daily 09:00 UTC window 25h", "longer than")]
    [InlineData("schedule hourly", "don't know the schedule form")]
    public async Task Invalid_schedules_say_what_to_fix_and_save_nothing(string command, string expected)
    {
        Assert.Contains(expected, await SayAsync(_alice, command), StringComparison.Ordinal);
        Assert.Contains("No round is scheduled", await SayAsync(_alice, "rounds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_typed_forms_from_the_issue_work_and_every_change_says_when_the_next_post_is()
    {
        Assert.Contains("Next post: Mon 30 Nov 2026 09:00 UTC", await SayAsync(_alice, "schedule cron \"0 9 * * 1-5\" UTC"), StringComparison.Ordinal);
        Assert.Contains("Next post: Mon 30 Nov 2026 09:30 America/New_York",
            await SayAsync(_alice, "schedule weekdays 09:30 America/New_York window 8h bank model-compression"), StringComparison.Ordinal);
        Assert.Contains("Paused", await SayAsync(_alice, "pause"), StringComparison.Ordinal);
        Assert.Contains("Next post: none while paused", await SayAsync(_alice, "rounds"), StringComparison.Ordinal);
        Assert.Contains("Next post: Mon 30 Nov 2026 09:30 America/New_York", await SayAsync(_alice, "resume"), StringComparison.Ordinal);

        // post now: the next question at once, and the schedule carries on with the one after it.
        (await _app.PostAsync(_alice.Message("post now"))).EnsureSuccessStatusCode();
        var posted = await _app.Connector.NextAsync();
        Assert.Contains(Seed.Questions[0].Text, CardReading.Words(posted.Card()), StringComparison.Ordinal);
        Assert.Contains("Cancelled", await SayAsync(_alice, "cancel"), StringComparison.Ordinal);
        Assert.Contains("No round is scheduled", await SayAsync(_alice, "rounds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_round_answers_change_nothing()
    {
        await SayAsync(_alice, "schedule daily 09:00 UTC window 1h");
        (await _app.PostAsync(_alice.Message("post now"))).EnsureSuccessStatusCode();
        var post = await _app.Connector.NextAsync();
        var data = CardReading.Buttons(post.Card(), "round")[0];
        var ada = Person("29:ada", "Ada");
        var otherConversation = new Activities(_app.Connector.ServiceUrl, "msteams", "19:other@thread.tacv2", "29:ada", "Ada", "channel");

        var forged = new[]
        {
            ada.Invoke(With(data, "c", 4), "round"),
            ada.Invoke(With(data, "c", -1), "round"),
            ada.Invoke(With(data, "p", "msteams:19:other@thread.tacv2|1|0"), "round"),
            otherConversation.Invoke(data, "round"),
            ada.Invoke(new JsonObject { ["action"] = "round", ["p"] = 5, ["c"] = 0 }, "round"),
        };
        foreach (var activity in forged)
        {
            var answer = await _app.InvokeAsync(activity);
            Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        }
        var postId = data["p"]!.GetValue<string>();
        Assert.Empty(await _app.Get<QuizBot.Storage.IQuizStore>().GetPostAnswersAsync(postId, default));

        // A closed post: the click is told, nothing stored.
        _time.Advance(TimeSpan.FromHours(2));
        await TickAsync();
        var late = await _app.InvokeAsync(ada.Invoke(data, "round"));
        Assert.Contains("closed", late["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _app.Get<QuizBot.Storage.IQuizStore>().GetPostAnswersAsync(postId, default));
    }

    [Fact]
    public async Task A_redelivered_command_runs_once()
    {
        await SayAsync(_alice, "schedule daily 09:00 UTC");
        var postNow = _alice.Message("post now");

        (await _app.PostAsync(postNow)).EnsureSuccessStatusCode();
        (await _app.PostAsync(postNow)).EnsureSuccessStatusCode();

        Assert.Equal("POST", (await _app.Connector.NextAsync()).Method);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task The_schedule_form_sets_the_same_round_as_the_typed_command()
    {
        var form = await SendForCardAsync(_alice, "schedule");
        var submit = Assert.Single(CardReading.Buttons(form, "schedule-form"));
        // Teams merges the form's inputs into the action data.
        var data = submit.DeepClone().AsObject();
        data["when"] = "weekdays 09:30";
        data["tz"] = "America/New_York";
        data["window"] = "8h";
        data["questions"] = "2";
        data["repeat"] = "false";
        data["bank"] = "model-compression";

        var answer = await _app.InvokeAsync(_alice.Invoke(data, "schedule-form"));

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        var text = answer["value"]!.GetValue<string>();
        Assert.Contains("weekdays 09:30 (America/New_York)", text, StringComparison.Ordinal);
        Assert.Contains("2 questions per post", text, StringComparison.Ordinal);
        Assert.Contains("no repeats", text, StringComparison.Ordinal);
        Assert.Contains("Next post: Mon 30 Nov 2026 09:30 America/New_York", text, StringComparison.Ordinal);
        Assert.Contains("Next post", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal); // everyone sees the change

        // A bad value in the form is explained, and the round stays as it was.
        data["tz"] = "Mars/Olympus";
        var refused = await _app.InvokeAsync(_alice.Invoke(data, "schedule-form"));
        Assert.Contains("not a time zone", refused["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await _app.Connector.NextAsync();
        Assert.Contains("America/New_York", await SayAsync(_alice, "rounds"), StringComparison.Ordinal);
    }

    private async Task<JsonNode> SendForCardAsync(Activities who, string text)
    {
        (await _app.PostAsync(who.Message(text))).EnsureSuccessStatusCode();
        return (await _app.Connector.NextAsync()).Card();
    }

    private static JsonObject With(JsonObject data, string key, JsonNode value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }
}
