using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QuizBot.Bench.Answers;
using QuizBot.Bench.Hosting;
using QuizBot.Channels.Slack;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Bench.Slack;

// The burst after a daily post, over Slack: many people click an answer on one round question in a channel. Signed
// block_actions form posts go to /api/slack/interactions of the real app, whose Web API calls go to a local Slack
// stand-in; the same generator then runs against the floor endpoint with the same bytes. The adapter answers 200 at
// once and does the work after (users.info for the name, the store, the verdict through the click's response_url), so the run
// also waits for the verdicts and reports how long until the last one reached Slack, and checks every click was
// stored once and got exactly one ephemeral message.
internal static class SlackAnswersBench
{
    public const string Team = "T0BENCH01";
    public const string Channel = "C0BENCH01";
    private const string Secret = "bench-signing-secret-0123456789ab";

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var (connections, measure, warmup) = (o.LoadConnections, o.Measure, o.Warmup);
        // Smoke: a fixed few clicks, within the burst Slack's limits allow, so verdicts arrive in seconds.
        var (warmupMax, measureMax) = o.Smoke ? (2, 10) : (int.MaxValue / 4, int.MaxValue / 4);
        var verdictWait = o.Smoke ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(o.Wait);

        await using var slack = await SlackWebApiStandIn.StartAsync();
        await using var app = new AppUnderTest(o.Store, new()
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = SlackWebApiStandIn.Token,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        });
        var baseAddress = app.BaseAddress;
        var (postId, messageTs) = await PostQuestionAsync(app, ct);
        var buttons = Buttons(slack.FirstBlocks(Channel), postId);
        log.WriteLine($"slack-answers: app on {baseAddress}, Slack stand-in {slack.ApiBaseUrl}, post {postId} (ts {messageTs}), {connections} connections, " +
            (o.Smoke ? $"smoke: {warmupMax}+{measureMax} clicks per side" : $"{measure.TotalSeconds:0.#} s per side, the floor first (+{warmup.TotalSeconds:0.#} s warm-up each)"));

        var clicks = new Clicks("slack", new()
        {
            ["messageTs"] = messageTs,
            ["blocks"] = slack.FirstBlocks(Channel)!,
            ["buttons"] = JsonSerializer.Serialize(buttons.Select(b => new[] { b.ActionId, b.Value })),
            ["respondBase"] = slack.ApiBaseUrl.Replace("/api/", "/respond/", StringComparison.Ordinal),
        });
        var source = clicks.Source();

        // One real click gives the floor its answer bytes.
        using (var http = new HttpClient())
        {
            var bytes = source.Body(0);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/api/slack/interactions")) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new(source.ContentType);
            source.Sign!(request, bytes);
            using var first = await http.SendAsync(request, ct);
            app.FloorBody = await first.Content.ReadAsByteArrayAsync(ct);
            if (first.StatusCode != System.Net.HttpStatusCode.OK || !source.IsGood(app.FloorBody))
            {
                throw new InvalidOperationException($"The app did not acknowledge the click: {(int)first.StatusCode} {Encoding.UTF8.GetString(app.FloorBody)}");
            }
        }

        var plan = LoadPlan.Of(new Uri(baseAddress, AppUnderTest.FloorPath), new Uri(baseAddress, "/api/slack/interactions"), connections,
            warmup, warmupMax, measure, measureMax, slices: 0);
        var (load, floorCost, appCost, peakMb) = await MeasuredLoad.RunAsync(plan, clicks, o, "clicks", log, ct);
        var (floorRun, warm, run) = (load.Floor, load.Warm, load.App);
        var started = warm.Windows[0].Started;
        var loadEnded = Stopwatch.GetTimestamp();
        var atLoadEnd = slack.Ephemerals;

        // The verdicts: every acknowledged click's chat.postEphemeral, paced by the app's own limiter.
        var accepted = warm.GoodUsers.Concat(run.GoodUsers).Append(0).Select(UserId).ToHashSet(StringComparer.Ordinal);
        while (slack.Ephemerals < accepted.Count && Stopwatch.GetElapsedTime(loadEnded) < verdictWait)
        {
            await Task.Delay(50, ct);
        }
        var waited = Stopwatch.GetElapsedTime(loadEnded);
        var delivered = slack.Ephemerals;
        var complete = delivered >= accepted.Count;
        var lastAt = slack.LastEphemeralAt;
        var perMinute = delivered / Math.Max(1e-9, Stopwatch.GetElapsedTime(started, lastAt == 0 ? Stopwatch.GetTimestamp() : lastAt).TotalMinutes);
        // Complete: from the end of the load to the last verdict. Not: what is left at the rate seen while waiting.
        var rateWhileWaiting = (delivered - atLoadEnd) / Math.Max(1e-9, waited.TotalSeconds);
        var verdictsSeconds = complete
            ? Math.Max(0, Stopwatch.GetElapsedTime(loadEnded, lastAt).TotalSeconds)
            : waited.TotalSeconds + (rateWhileWaiting > 0 ? (accepted.Count - delivered) / rateWhileWaiting : double.PositiveInfinity);
        log.WriteLine(complete
            ? $"verdicts: all {delivered} delivered {verdictsSeconds:0.0} s after the load ended ({perMinute:0} per minute from the first click)"
            : $"verdicts: {delivered} of {accepted.Count} delivered after waiting {waited.TotalSeconds:0} s ({atLoadEnd} by the end of the load, " +
              $"{rateWhileWaiting * 60:0} per minute while waiting): all of them would take about {verdictsSeconds / 60:0} min");

        // Every acknowledged click stored once and nothing else; exactly one ephemeral message per click, to no one else.
        var stored = await app.Get<IRoundStore>().GetPostAnswersAsync(postId, ct);
        var acceptedKeys = accepted.Select(u => SlackAddress.UserKey(Team, u)).ToHashSet(StringComparer.Ordinal);
        var storedKeys = stored.Select(a => a.UserKey).ToHashSet(StringComparer.Ordinal);
        var byUser = slack.EphemeralsByUser;
        var doubled = stored.Count - storedKeys.Count + byUser.Values.Sum(n => n - 1);
        var strays = storedKeys.Count(k => !acceptedKeys.Contains(k)) + byUser.Keys.Count(u => !accepted.Contains(u));
        var verdictWithoutAnswer = byUser.Keys.Count(u => !storedKeys.Contains(SlackAddress.UserKey(Team, u)));
        var consistent = doubled == 0 && strays == 0 && verdictWithoutAnswer == 0;
        var exact = consistent && complete && storedKeys.SetEquals(acceptedKeys) && byUser.Count == accepted.Count;
        log.WriteLine($"store:   {stored.Count} answers for {accepted.Count} acknowledged clicks; {byUser.Count} users got {byUser.Values.Sum()} ephemeral messages; " +
            $"doubled {doubled}, strays {strays}, verdicts without an answer {verdictWithoutAnswer}; " +
            $"Slack saw {slack.Calls("users.info")} users.info, {slack.Calls("chat.postEphemeral")} chat.postEphemeral, {slack.Calls("chat.update")} chat.update");

        return new BenchLine()
            .Add("answers/s", run.PerSecond, "0")
            .Add("floor/s", floorRun.PerSecond, "0")
            .Add("ratio", load.Ratio, "0.00")
            .Add("ratio_min", load.Ratios.Min(), "0.00")
            .Add("ratio_max", load.Ratios.Max(), "0.00")
            .Add("p50_ms", run.PercentileMs(50), "0.0")
            .Add("p99_ms", run.PercentileMs(99), "0.0")
            .Add("errors", load.Errors)
            .Add("expected", accepted.Count)
            .Add("stored", stored.Count)
            .Add("verdicts", delivered)
            .Add("verdicts_complete", complete ? "yes" : "no")
            .Add("verdicts_s", verdictsSeconds, "0.0")
            .Add("verdicts_per_min", perMinute, "0")
            .Add("doubled", doubled)
            .Add("strays", strays)
            // pending: nothing doubled or stray so far, but not every click was worked through within the wait.
            .Add("exact", exact ? "yes" : consistent ? "pending" : "no")
            .Add("peak_mb", peakMb, "0")
            .AddCost(app: appCost, floor: floorCost);
    }

    // Click n, signed as Slack signs it; Slack's acknowledgement is an empty 200.
    public static ClickSource Source(IReadOnlyDictionary<string, string> values)
    {
        var buttons = JsonSerializer.Deserialize<string[][]>(values["buttons"])!.Select(b => (b[0], b[1])).ToList();
        var key = Encoding.UTF8.GetBytes(Secret);
        void Sign(HttpRequestMessage request, byte[] bytes)
        {
            var ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var basestring = new byte[3 + ts.Length + 1 + bytes.Length];
            Encoding.ASCII.GetBytes($"v0:{ts}:", basestring);
            bytes.CopyTo(basestring, 3 + ts.Length + 1);
            request.Headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, ts);
            request.Headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, basestring)));
        }
        return new(ClickBodies(values["messageTs"], values["blocks"], buttons, values["respondBase"]), answer => answer.IsEmpty,
            "application/x-www-form-urlencoded", Sign);
    }

    // A new user for every click, as Slack names them.
    private static string UserId(int n) => string.Create(CultureInfo.InvariantCulture, $"U{n:D9}");

    // Click n as Slack sends it: the form field payload, holding a block_actions payload (shaped as Slack's reference
    // example) that carries the clicked message back with its blocks and the button's value. URL-encoding is
    // character by character, so the fixed parts are encoded once and only the user's id is put in per click.
    private static Func<int, byte[]> ClickBodies(string messageTs, string blocks, IReadOnlyList<(string ActionId, string Value)> buttons, string respondBase)
    {
        static string J(string s) => JsonSerializer.Serialize(s);
        var parts = buttons.Select(b =>
        {
            var head = "{\"type\":\"block_actions\",\"user\":{\"id\":\"";
            var mid = $"\",\"team_id\":{J(Team)}}},\"api_app_id\":\"A0BENCH01\",\"token\":\"bench-verification-token\"," +
                $"\"container\":{{\"type\":\"message\",\"message_ts\":{J(messageTs)},\"channel_id\":{J(Channel)},\"is_ephemeral\":false}}," +
                "\"trigger_id\":\"";
            var tail = ".1395872398.f2d3a8e1f6c5b4a3\"," +
                $"\"team\":{{\"id\":{J(Team)},\"domain\":\"bench\"}},\"enterprise\":null,\"is_enterprise_install\":false," +
                $"\"channel\":{{\"id\":{J(Channel)},\"name\":\"quiz\"}}," +
                $"\"message\":{{\"type\":\"message\",\"subtype\":\"bot_message\",\"text\":\"Question\",\"ts\":{J(messageTs)},\"bot_id\":\"B0BENCH01\",\"blocks\":{blocks}}}," +
                $"\"state\":{{\"values\":{{}}}},\"response_url\":\"{respondBase}";
            // The click's response_url names its clicker, so the stand-in can count verdicts per person.
            var after = $"\",\"actions\":[{{\"action_id\":{J(b.ActionId)},\"block_id\":\"answers\",\"value\":{J(b.Value)},\"type\":\"button\",\"action_ts\":\"1700000010.123456\"}}]}}";
            return (Head: "payload=" + Uri.EscapeDataString(head), Mid: Uri.EscapeDataString(mid), Tail: Uri.EscapeDataString(tail), After: Uri.EscapeDataString(after));
        }).ToArray();
        return n =>
        {
            var (head, mid, tail, after) = parts[n % parts.Length];
            var user = UserId(n);
            return Encoding.ASCII.GetBytes(string.Concat([head, user, "%22%2C%22name%22%3A%22", user.ToLowerInvariant(), mid, user, tail, user, after]));
        };
    }

    // The answer buttons of the posted question, as the bot built them: each value is the round's CardAction JSON.
    private static List<(string ActionId, string Value)> Buttons(string? blocks, string postId)
    {
        var found = new List<(string, string)>();
        using var doc = JsonDocument.Parse(blocks ?? throw new InvalidOperationException("No question reached the Slack stand-in."));
        foreach (var block in doc.RootElement.EnumerateArray())
        {
            if (!block.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var e in elements.EnumerateArray())
            {
                if (e.TryGetProperty("type", out var type) && type.GetString() == "button" && e.TryGetProperty("value", out var value))
                {
                    using var action = JsonDocument.Parse(value.GetString()!);
                    if (action.RootElement.GetProperty("action").GetString() == "round" && action.RootElement.GetProperty("p").GetString() == postId)
                    {
                        found.Add((e.GetProperty("action_id").GetString()!, value.GetString()!));
                    }
                }
            }
        }
        return found.Count > 0 ? found : throw new InvalidOperationException($"The question has no answer buttons for {postId}: {blocks}");
    }

    // What `/quiz schedule` and `/quiz post now` do in a channel: a round, the channel remembered, the next question
    // posted through the outbound port (chat.postMessage to the stand-in).
    private static async Task<(string PostId, string MessageTs)> PostQuestionAsync(AppUnderTest app, CancellationToken ct)
    {
        var to = new SlackAddress(Team, Channel);
        var admin = new Participant(SlackAddress.UserKey(Team, "U0ADMIN01"), "Bench Admin", ["U0ADMIN01"], ChannelAdmin: true);
        var bank = app.Get<BankCatalog>().All.First();
        await app.Get<RoundAdmin>().ScheduleAsync(admin, to.ConversationKey, $"daily 09:00 UTC window 8h bank {bank.Id}", ct);
        await app.Get<Conversations>().RememberAsync(to.ConversationKey, to.Serialize(), ct);
        var posted = await app.Get<RoundPublisher>().PostNowAsync(to.ConversationKey, ct)
            ?? throw new InvalidOperationException("post now found nothing to post");
        var post = await app.Get<IRoundStore>().GetPostAsync(posted.Id, ct);
        return post is { State: PostState.Posted, MessageId: { } ts }
            ? (post.Id, ts)
            : throw new InvalidOperationException($"The question was not posted: {post?.State}");
    }
}
