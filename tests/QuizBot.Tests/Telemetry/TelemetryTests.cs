using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QuizBot.Bench.Fanout;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Telemetry;
using QuizBot.Tests.Outbound;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    [Fact]
    public async Task An_answer_over_HTTP_counts_once_as_accepted_and_a_second_click_as_a_repeat_and_times_the_store()
    {
        using var metrics = new MetricRecorder();
        await using var app = new BotApp();
        var teams = new Activities(app.Connector.ServiceUrl);
        await app.PostAsync(teams.Message("quiz"));
        var question = (await app.Connector.NextAsync()).Card();

        await app.InvokeAsync(teams.Invoke(CardReading.Button(question, "answer", Seed.Questions[0].Answer)));
        await app.InvokeAsync(teams.Invoke(CardReading.Button(question, "answer", 1)));

        Assert.Equal(1, metrics.Sum("quizbot.answers", ("kind", "self-paced"), ("outcome", "accepted")));
        Assert.Equal(1, metrics.Sum("quizbot.answers", ("kind", "self-paced"), ("outcome", "repeat")));
        Assert.Equal(2, metrics.Sum("quizbot.answers"));
        Assert.Contains(metrics.All, m => m.Instrument == "quizbot.store.duration" && Equals(m.Tags["operation"], "AddSessionAnswerAsync"));
    }

    [Fact]
    public async Task Round_answers_count_as_accepted_repeat_rejected_and_closed()
    {
        using var metrics = new MetricRecorder();
        using var dir = new TempDir();
        var store = GuardedQuizStore.Over(new SqliteQuizStore(dir.File("quizbot.db")));
        var slot = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(slot.AddMinutes(1));
        const string Conversation = "msteams:19:telemetry@thread.v2";
        var round = new Round(Conversation, Seed.Id, "0 8 * * *", "daily 08:00", "UTC", 1, TimeSpan.FromHours(1), true, false,
            RoundStatus.Active, 0, null, null, "admin", slot, 1);
        var post = new RoundPost(RoundPost.IdFor(Conversation, slot, 0), Conversation, Seed.Id, PostedQuestion.Of(Seed.Questions[0]), slot, slot.AddHours(1), "UTC",
            PostState.Claimed, null, null, "test", null, false);
        Assert.True(await store.SaveRoundAsync(round, null, default) && await store.ClaimSlotAsync(round with { Version = 2 }, 1, [post], default));
        await store.MarkPostedAsync(post.Id, "act-1", slot, default);
        var answers = new RoundAnswers(store, new BankCatalog([Seed]), time);

        await answers.AnswerAsync(new Participant("ann", "Ann"), Conversation, post.Id, 0, default);
        await answers.AnswerAsync(new Participant("ann", "Ann"), Conversation, post.Id, 1, default);
        await answers.AnswerAsync(new Participant("bob", "Bob"), Conversation, post.Id, 9, default);
        time.Advance(TimeSpan.FromHours(2));
        await answers.AnswerAsync(new Participant("cat", "Cat"), Conversation, post.Id, 0, default);

        foreach (var outcome in new[] { "accepted", "repeat", "rejected", "closed" })
        {
            Assert.Equal(1, metrics.Sum("quizbot.answers", ("kind", "round"), ("outcome", outcome)));
        }
    }

    [Fact]
    public async Task A_429_from_the_connector_counts_as_throttled_and_its_retry_as_a_retry()
    {
        using var metrics = new MetricRecorder();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        await using var connector = new ThrottlingConnector(time);
        await using var outbound = new OutboundClient(time, o => o.AttemptTimeout = TimeSpan.FromHours(1));
        connector.FailNext(429, retryAfter: "2");
        connector.FailNext(503, retryAfter: "2");

        var send = outbound.SendAsync(connector, "19:quiz@thread.v2", "Question 1");
        await OutboundClient.AdvanceUntilAsync(time, connector, 3, TimeSpan.FromMinutes(1));
        await send;

        Assert.Equal(1, metrics.Sum("quizbot.connector.throttled"));
        Assert.Equal(1, metrics.Sum("quizbot.connector.retries", ("status", 429)));
        Assert.Equal(1, metrics.Sum("quizbot.connector.retries", ("status", 503)));
    }

    [Fact]
    public void Posts_and_closes_count_by_outcome()
    {
        using var metrics = new MetricRecorder();

        QuizBotTelemetry.PostSent();
        QuizBotTelemetry.PostSent();
        QuizBotTelemetry.PostFailed();
        QuizBotTelemetry.PostClosed();

        Assert.Equal(2, metrics.Sum("quizbot.round.posts", ("outcome", "posted")));
        Assert.Equal(1, metrics.Sum("quizbot.round.posts", ("outcome", "failed")));
        Assert.Equal(1, metrics.Sum("quizbot.round.closes"));
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_telemetry_pipeline_runs()
    {
        await using var app = new BotApp();
        using var client = app.CreateClient();

        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_are_exported_there_with_a_span_per_store_call()
    {
        await using var receiver = new OtlpReceiver();
        var spans = new List<Activity>();
        var app = new BotApp(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await using (app)
        {
            var teams = new Activities(app.Connector.ServiceUrl);
            await app.PostAsync(teams.Message("quiz"));
            var question = (await app.Connector.NextAsync()).Card();
            await app.InvokeAsync(teams.Invoke(CardReading.Button(question, "answer", Seed.Questions[0].Answer)));
            app.Services.GetRequiredService<TracerProvider>().ForceFlush();
            // The periodic metric reader may not have exported yet; a flush sends what it has, as shutdown would.
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

            var answer = Assert.Single(spans, s => s.DisplayName == "store AddSessionAnswerAsync");
            var request = spans.Single(s => s.SpanId == answer.ParentSpanId);
            Assert.Equal(ActivityKind.Server, request.Kind);
        }

        // Both pipelines reached the endpoint.
        Assert.Contains(receiver.Exports, e => e.Path == "/v1/traces" && e.Bytes > 0);
        Assert.Contains(receiver.Exports, e => e.Path == "/v1/metrics" && e.Bytes > 0);
    }
}
