using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Redelivery;

// Teams redelivers an activity (the same id) when our answer was slow, lost or an error, to whichever instance: every
// delivery either does the work or is answered with an error Teams retries, and the work runs once.
public sealed class TeamsRedeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Deliveries_that_meet_a_locked_store_are_answered_try_again_and_a_later_one_does_the_work_once()
    {
        using var dir = new TempDir();
        var path = dir.File("quizbot.db");
        // The real store, with a busy timeout short enough for a test to outwait.
        await using var app = new BotApp(RedeliveryRound.Settings(path),
            services: s => s.AddSingleton<IQuizStore>(_ => GuardedQuizStore.Over(new SqliteQuizStore(path, busyTimeoutSeconds: 1))));
        var alice = RedeliveryRound.Alice(app);
        await RedeliveryRound.ScheduleAsync(app, alice);
        var postNow = alice.Message("post now");

        HttpResponseMessage[] meanwhile;
        await using (await HoldWriteLockAsync(path))
        {
            // The first delivery waits for the store and fails; Teams' redelivery arrives while it waits.
            meanwhile = await Task.WhenAll(app.PostAsync(postNow), app.PostAsync(postNow));
        }

        Assert.All(meanwhile, RedeliveryRound.AssertTryAgain);
        await app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(200));
        using var later = await app.PostAsync(postNow);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.NotEmpty((await app.Connector.NextAsync()).Attachments); // the question
        using var again = await app.PostAsync(postNow);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_redelivery_while_the_first_still_runs_is_answered_try_again_and_one_after_it_finished_gets_200_with_nothing_run_twice()
    {
        var time = new FakeTimeProvider(Now);
        var gate = new ConnectorGate();
        await using var app = new BotApp(RedeliveryRound.Settings(), time, gate.Install);
        var alice = RedeliveryRound.Alice(app);
        await RedeliveryRound.ScheduleAsync(app, alice);
        var postNow = alice.Message("post now");

        gate.Arm();
        var first = app.PostAsync(postNow);
        await gate.Held.WaitAsync(TimeSpan.FromSeconds(10)); // the question is on its way to a slow channel
        var redelivery = app.PostAsync(postNow);
        // Past the redelivery's wait for the first (on the service's clock), well inside the send's own deadline.
        for (var s = 0; s < 12 && !redelivery.IsCompleted; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(redelivery, Task.Delay(100));
        }
        using (var busy = await redelivery)
        {
            RedeliveryRound.AssertTryAgain(busy);
        }

        gate.Release();
        using (var done = await first)
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        Assert.NotEmpty((await app.Connector.NextAsync()).Attachments);
        using var later = await app.PostAsync(postNow);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        await app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task The_same_schedule_and_post_now_delivered_to_two_instances_on_one_database_run_once()
    {
        using var dir = new TempDir();
        var settings = RedeliveryRound.Settings(dir.File("quizbot.db"));
        await using var a = new BotApp(settings);
        await using var b = new BotApp(settings);

        await RedeliveryRound.RunOnceOnBothAsync(a, b);
    }

    [Fact]
    public async Task A_delivery_left_running_by_an_instance_that_died_is_taken_over_after_its_lease()
    {
        var time = new FakeTimeProvider(Now);
        await using var app = new BotApp(RedeliveryRound.Settings(), time);
        var alice = RedeliveryRound.Alice(app);
        await RedeliveryRound.ScheduleAsync(app, alice);
        var postNow = alice.Message("post now");
        // Another instance took this activity and died mid-work: its record still says running.
        var key = MessagesEndpoint.DeliveryKey("msteams", postNow["conversation"]!["id"]!.GetValue<string>(), postNow["id"]!.GetValue<string>());
        var at = time.GetUtcNow();
        var dead = await app.Get<IDeliveryStore>().TakeDeliveryAsync(new DeliveryClaim(key, "dead", at, at + RedeliveryRound.Lease, at + RedeliveryRound.Keep), default);
        Assert.Equal(DeliveryState.Taken, dead.State);

        using (var during = await app.PostAsync(postNow))
        {
            RedeliveryRound.AssertTryAgain(during);
        }
        await app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(200));

        time.Advance(RedeliveryRound.Lease);
        using var after = await app.PostAsync(postNow);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEmpty((await app.Connector.NextAsync()).Attachments);
    }

    [Fact]
    public async Task A_redelivered_answer_click_on_another_instance_gets_the_same_verdict_and_counts_once()
    {
        using var dir = new TempDir();
        var settings = RedeliveryRound.Settings(dir.File("quizbot.db"));
        await using var a = new BotApp(settings);
        await using var b = new BotApp(settings);
        var alice = RedeliveryRound.Alice(a);
        await RedeliveryRound.ScheduleAsync(a, alice);
        (await a.PostAsync(alice.Message("post now"))).EnsureSuccessStatusCode();
        var button = CardReading.Buttons((await a.Connector.NextAsync()).Card(), "round")[0];
        var click = alice.For("29:ada", "Ada").Invoke(button, "round");

        var first = await a.InvokeAsync(click);
        var redelivered = await b.InvokeAsync(click);

        Assert.Equal(Verdict(first), Verdict(redelivered));
        var answers = await b.Get<IRoundStore>().GetPostAnswersAsync(button["p"]!.GetValue<string>(), default);
        Assert.Equal("msteams:29:ada", Assert.Single(answers).UserKey);
    }

    [Fact]
    public async Task Answer_clicks_redelivered_to_the_same_instance_get_the_first_verdict_and_count_once()
    {
        using var dir = new TempDir();
        await using var app = new BotApp(RedeliveryRound.Settings(dir.File("quizbot.db")));
        var alice = RedeliveryRound.Alice(app);
        await RedeliveryRound.ScheduleAsync(app, alice);
        (await app.PostAsync(alice.Message("post now"))).EnsureSuccessStatusCode();
        var buttons = CardReading.Buttons((await app.Connector.NextAsync()).Card(), "round");
        var click = alice.For("29:ada", "Ada").Invoke(buttons[0], "round");

        var first = await app.InvokeAsync(click);
        // The same activity again, then a second click of hers on another choice: neither changes her answer.
        var redelivered = await app.InvokeAsync(click);
        var other = await app.InvokeAsync(alice.For("29:ada", "Ada").Invoke(buttons[1], "round"));

        Assert.Equal(Verdict(first), Verdict(redelivered));
        Assert.Equal(Verdict(first), Verdict(other));
        var answers = await app.Get<IRoundStore>().GetPostAnswersAsync(buttons[0]["p"]!.GetValue<string>(), default);
        Assert.Equal(0, Assert.Single(answers).Choice);
    }

    private static string Verdict(JsonNode invoke)
    {
        var words = CardReading.Words(invoke["value"]!);
        return words.Contains("Correct", StringComparison.Ordinal) ? "Correct"
            : words.Contains("Not quite", StringComparison.Ordinal) ? "Not quite"
            : throw new InvalidOperationException($"No verdict in: {words}");
    }

    // What another writer holding SQLite's write lock does to the service; disposing it lets go.
    private static async Task<SqliteConnection> HoldWriteLockAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
