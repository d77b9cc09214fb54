using System.Text;
using System.Text.Json;
using QuizBot.Bench.Hosting;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Channels.Teams;

namespace QuizBot.Bench.Answers;

// The burst after a daily post: many people answer one posted question at once, over real HTTP into the real app,
// compared with a floor endpoint on the same server that answers the same bytes with no work behind them.
internal static class AnswersBench
{
    private const string Channel = "19:bench-channel@thread.tacv2";

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var (connections, measure, warmup) = (o.LoadConnections, o.Measure, o.Warmup);
        // Smoke runs a fixed small number of requests so it is the same work every time.
        var (warmupMax, measureMax) = o.Smoke ? (20, 200) : (int.MaxValue / 4, int.MaxValue / 4);

        await using var connector = await LocalConnector.StartAsync();
        await using var app = new AppUnderTest(o.Store, new() { ["QuizBot:Admins:0"] = "msteams:bench-admin" });
        var baseAddress = app.BaseAddress;
        var postId = await PostQuestionAsync(app, connector, ct);
        log.WriteLine($"answers: app on {baseAddress}, post {postId}, {connections} connections, " +
            (o.Smoke ? $"smoke: {warmupMax}+{measureMax} requests per side" : $"{measure.TotalSeconds:0.#} s per side in {o.Slices} alternating slices (+{warmup.TotalSeconds:0.#} s warm-up each)"));

        var clicks = new Clicks("teams", new() { ["post"] = postId, ["serviceUrl"] = connector.ServiceUrl });
        var source = clicks.Source();

        // One real answer gives the floor its body: the same bytes, so both sides move the same amount of data.
        using (var http = new HttpClient())
        {
            using var content = new ByteArrayContent(source.Body(0));
            content.Headers.ContentType = new("application/json");
            using var first = await http.PostAsync(new Uri(baseAddress, "/api/messages"), content, ct);
            app.FloorBody = await first.Content.ReadAsByteArrayAsync(ct);
            if (!source.IsGood(app.FloorBody))
            {
                throw new InvalidOperationException($"The app did not answer with a card: {(int)first.StatusCode} {Encoding.UTF8.GetString(app.FloorBody)}");
            }
        }

        var plan = LoadPlan.Of(new Uri(baseAddress, AppUnderTest.FloorPath), new Uri(baseAddress, "/api/messages"), connections,
            warmup, warmupMax, measure, measureMax, o.Slices);
        var (load, floorCost, appCost, peakMb) = await MeasuredLoad.RunAsync(plan, clicks, o, "answers", log, ct);
        var (floorRun, warm, run) = (load.Floor, load.Warm, load.App);

        // Every accepted answer must be in the store exactly once, and nothing else.
        var accepted = warm.GoodUsers.Concat(run.GoodUsers).Append(0).Select(u => $"msteams:29:user-{u}").ToHashSet();
        var stored = await app.Get<IRoundStore>().GetPostAnswersAsync(postId, ct);
        var storedKeys = stored.Select(a => a.UserKey).ToHashSet();
        var exact = stored.Count == storedKeys.Count && storedKeys.SetEquals(accepted);
        log.WriteLine($"store:   {stored.Count} answers for {accepted.Count} accepted, each once and no other: {exact}; connector saw {connector.Posts} posts, {connector.Puts} card updates");

        return new BenchLine()
            .Add("answers/s", run.PerSecond, "0")
            .Add("floor/s", floorRun.PerSecond, "0")
            .Add("ratio", load.Ratio, "0.00")
            .Add("ratio_min", load.Ratios.Min(), "0.00")
            .Add("ratio_max", load.Ratios.Max(), "0.00")
            .Add("p50_ms", run.PercentileMs(50), "0.0")
            .Add("p99_ms", run.PercentileMs(99), "0.0")
            .Add("errors", load.Errors)
            .Add("stored", stored.Count)
            .Add("expected", accepted.Count)
            .Add("exact", exact ? "yes" : "no")
            .Add("peak_mb", peakMb, "0")
            .AddCost(app: appCost, floor: floorCost);
    }

    // Answer n: a new user clicking choice n % 4 of the post, as Teams sends the invoke; a good answer is a card.
    public static ClickSource Source(IReadOnlyDictionary<string, string> values)
    {
        var tail = BodyTail(values["serviceUrl"]);
        var post = JsonSerializer.Serialize(values["post"]);
        return new(
            user => Encoding.UTF8.GetBytes(
                $"{{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"id\":\"bench-{user}\",\"from\":{{\"id\":\"29:user-{user}\",\"name\":\"User {user}\",\"aadObjectId\":\"aad-{user}\"}}," +
                $"\"value\":{{\"action\":{{\"type\":\"Action.Execute\",\"verb\":\"round\",\"data\":{{\"action\":\"round\",\"p\":{post},\"c\":{user % 4}}}}},\"trigger\":\"manual\"}}," + tail),
            body => body.Span.StartsWith("{\"statusCode\":200,\"type\":\"application/vnd.microsoft.card.adaptive\""u8));
    }

    // The rest of every invoke: where it comes from, as Teams sends it for a channel post.
    private static string BodyTail(string serviceUrl) =>
        $"\"serviceUrl\":{JsonSerializer.Serialize(serviceUrl)},\"channelId\":\"msteams\"," +
        $"\"conversation\":{{\"id\":\"{Channel}\",\"conversationType\":\"channel\",\"tenantId\":\"tenant-1\"}}," +
        "\"recipient\":{\"id\":\"28:quizbot\",\"name\":\"QuizBot\"},\"locale\":\"en-US\"}";

    // What `schedule` and `post now` do in chat: a round for the channel and its next question posted through the connector.
    private static async Task<string> PostQuestionAsync(AppUnderTest app, LocalConnector connector, CancellationToken ct)
    {
        var conversation = $"msteams:{Channel}";
        var admin = new Participant("msteams:bench-admin", "Bench Admin", ["bench-admin"]);
        var bank = app.Get<BankCatalog>().All.First();
        await app.Get<RoundAdmin>().ScheduleAsync(admin, conversation, $"daily 09:00 UTC window 8h bank {bank.Id}", ct);
        var address = new ConversationAddress("msteams", connector.ServiceUrl, Channel, "tenant-1", new ChannelAccount { Id = "28:quizbot", Name = "QuizBot" });
        await app.Get<Conversations>().RememberAsync(conversation, TeamsOutbound.Serialize(address), ct);
        var posted = await app.Get<RoundPublisher>().PostNowAsync(conversation, ct)
            ?? throw new InvalidOperationException("post now found nothing to post");
        var post = await app.Get<IRoundStore>().GetPostAsync(posted.Id, ct);
        return post?.State == PostState.Posted ? post.Id : throw new InvalidOperationException($"The question was not posted: {post?.State}");
    }
}
