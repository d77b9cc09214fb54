using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Socket Mode end to end: the real service with an app-level token and no signing secret opens a WebSocket to the
// Socket Mode stand-in, which sends envelopes as Slack does; the bot's Web API calls reach the Slack stand-in.
[Trait("Category", "External")]
public sealed class SlackSocketModeTests
{
    [Fact]
    public async Task With_only_an_app_token_a_direct_message_over_the_socket_is_acked_and_answered_and_the_request_urls_do_not_exist()
    {
        await using var bot = await SocketBot.StartAsync();

        var open = Assert.Single(bot.Slack.CallsTo("apps.connections.open"));
        Assert.Equal($"Bearer {SlackStandIn.DefaultAppToken}", open.Authorization);
        Assert.True(open.Ok);
        var id = await bot.Peer.SendEnvelopeAsync("events_api", Dm("U0BOB", "quiz"));
        await bot.Peer.AckAsync(id);
        Assert.Contains(bot.Peer.Received, r => r.Text == new JsonObject { ["envelope_id"] = id }.ToJsonString());
        var question = await bot.Slack.NextAsync("chat.postMessage");
        Assert.Equal(SlackApp.Dm, question["channel"]);
        Assert.Contains("Question 1 of 10", SlackApp.Text(question), StringComparison.Ordinal);

        using var http = await bot.App.DirectMessageAsync("U0BOB", "quiz");
        Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
    }

    [Fact]
    public async Task A_button_click_and_a_slash_command_over_the_socket_reach_the_quiz()
    {
        await using var bot = await SocketBot.StartAsync();
        await bot.Peer.SendEnvelopeAsync("events_api", Dm("U0BOB", "quiz"));
        var question = await bot.Slack.NextAsync("chat.postMessage");

        var button = SlackApp.Buttons(question)[0];
        var click = await bot.Peer.SendEnvelopeAsync("interactive", SlackInteractions.ButtonClick("U0BOB", SlackApp.Dm, question.ResponseId!,
            button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>(), bot.Slack.ResponseUrl()));
        await bot.Peer.AckAsync(click);
        var verdict = await bot.Slack.NextAsync("response_url");
        Assert.True(verdict.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Question 2 of 10", SlackApp.Text(await bot.Slack.NextAsync("chat.postMessage")), StringComparison.Ordinal);

        var command = await bot.Peer.SendEnvelopeAsync("slash_commands", Command("U0CAROL", "help", bot.Slack.ResponseUrl()));
        await bot.Peer.AckAsync(command);
        var help = await bot.Slack.NextAsync("response_url");
        Assert.Contains("I post short quizzes and keep score", SlackApp.Text(help), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_envelope_is_acked_at_once_while_its_work_still_waits_on_slack()
    {
        await using var bot = await SocketBot.StartAsync();
        // users.info, which each message's work calls first, answers 429 with Retry-After 2 s; once it has, every
        // users.info waits those 2 s, so no work can finish before then.
        bot.Slack.RateLimitNext("users.info", 2);
        var sent = new List<(string Id, DateTimeOffset At)>();
        foreach (var (user, dm) in new[] { ("U0BOB", "D0BOBDM01"), ("U0CAROL", "D0CAROLDM1"), ("U0DAVE", "D0DAVEDM01") })
        {
            var at = TimeProvider.System.GetUtcNow();
            sent.Add((await bot.Peer.SendEnvelopeAsync("events_api", Dm(user, "quiz", dm)), at));
            if (user == "U0BOB")
            {
                Assert.Equal(429, (await bot.Slack.NextAsync("users.info")).Status);
            }
        }
        var acks = new List<DateTimeOffset>();
        foreach (var (id, at) in sent)
        {
            var acked = await bot.Peer.AckAsync(id);
            // Slack allows 3 s; one envelope's slow work (2 s here) must not hold up the next one's ack.
            Assert.True(acked - at < TimeSpan.FromSeconds(1.5), $"acked after {(acked - at).TotalMilliseconds} ms");
            acks.Add(acked);
        }
        var first = await bot.Slack.NextAsync("chat.postMessage");
        // The work waits out the 2 s Retry-After, so it cannot be what the acks waited for: its first reply comes after
        // the last ack (a margin here would measure the machine's load, not the order).
        Assert.True(first.At > acks.Max(), "the work finished before its envelopes were all acked");
        await bot.Slack.NextAsync("chat.postMessage");
        await bot.Slack.NextAsync("chat.postMessage");
    }

    [Fact]
    public async Task Stopping_waits_for_the_work_of_envelopes_already_acked()
    {
        await using var bot = await SocketBot.StartAsync();
        bot.Slack.RateLimitNext("users.info", 2);
        await bot.Peer.AckAsync(await bot.Peer.SendEnvelopeAsync("events_api", Dm("U0BOB", "quiz")));
        Assert.Equal(429, (await bot.Slack.NextAsync("users.info")).Status);

        var socketMode = bot.App.Bot.Services.GetServices<IHostedService>().OfType<SlackSocketMode>().Single();
        await socketMode.StopAsync(CancellationToken.None);

        Assert.Single(bot.Slack.CallsTo("chat.postMessage"));
        await bot.Peer.Closed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_redelivered_event_envelope_runs_once()
    {
        await using var bot = await SocketBot.StartAsync();
        var help = Dm("U0BOB", "help", eventId: "Ev0SOCKET01");

        var first = await bot.Peer.SendEnvelopeAsync("events_api", help);
        var again = await bot.Peer.SendEnvelopeAsync("events_api", (JsonObject)help.DeepClone(), retryAttempt: 1, retryReason: "timeout");

        await bot.Peer.AckAsync(first);
        await bot.Peer.AckAsync(again);
        await bot.Slack.NextAsync("chat.postMessage");
        await bot.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_refresh_request_opens_a_new_connection_and_the_bot_carries_on_there()
    {
        await using var bot = await SocketBot.StartAsync();

        await bot.Peer.DisconnectAsync("refresh_requested");
        var next = await bot.Socket.NextConnectionAsync();
        await bot.Peer.Closed.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, bot.Slack.CallsTo("apps.connections.open").Count);
        await next.AckAsync(await next.SendEnvelopeAsync("events_api", Dm("U0BOB", "quiz")));
        Assert.Contains("Question 1 of 10", SlackApp.Text(await bot.Slack.NextAsync("chat.postMessage")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_socket_is_opened_again()
    {
        await using var bot = await SocketBot.StartAsync();

        bot.Peer.Abort();
        var next = await bot.Socket.NextConnectionAsync();

        Assert.Equal(2, bot.Slack.CallsTo("apps.connections.open").Count);
        await next.AckAsync(await next.SendEnvelopeAsync("events_api", Dm("U0BOB", "quiz")));
        Assert.Contains("Question 1 of 10", SlackApp.Text(await bot.Slack.NextAsync("chat.postMessage")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_disabled_closes_the_socket_and_opens_no_other()
    {
        await using var bot = await SocketBot.StartAsync();

        await bot.Peer.DisconnectAsync("link_disabled");

        await bot.Peer.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        await bot.Socket.ExpectNoConnectionAsync(TimeSpan.FromSeconds(2.5));
        Assert.Single(bot.Slack.CallsTo("apps.connections.open"));
    }

    [Fact]
    public async Task Malformed_messages_and_payloads_are_skipped_and_the_next_envelope_still_works()
    {
        await using var bot = await SocketBot.StartAsync();
        var peer = bot.Peer;

        await peer.SendRawAsync(Encoding.UTF8.GetBytes("not json at all"));
        await peer.SendRawAsync(Encoding.UTF8.GetBytes("[1,2,3]"));
        // No envelope_id: nothing to acknowledge, so nothing runs (Slack would resend it).
        await peer.SendAsync(new JsonObject { ["type"] = "events_api", ["payload"] = Dm("U0CAROL", "quiz", "D0CAROLDM1") });
        var acked = new List<string>
        {
            await peer.SendEnvelopeAsync("events_api", new JsonObject { ["type"] = "url_verification", ["challenge"] = "x" }),
            await peer.SendEnvelopeAsync("events_api", new JsonObject { ["type"] = "event_callback", ["event_id"] = 5, ["event"] = "x" }),
            await peer.SendEnvelopeAsync("interactive", new JsonObject { ["type"] = "block_actions", ["user"] = 5, ["actions"] = "x" }),
            await peer.SendEnvelopeAsync("slash_commands", new JsonObject { ["command"] = 7, ["team_id"] = new JsonArray() }),
            await peer.SendEnvelopeAsync("slash_commands", []),
        };
        await peer.SendAsync(new JsonObject { ["envelope_id"] = "string-payload", ["type"] = "events_api", ["payload"] = "garbage" });
        acked.Add("string-payload");
        // Over the 1 MiB cap, in several frames: read to its end and dropped, not acknowledged.
        var big = new JsonObject { ["envelope_id"] = "too-big", ["type"] = "events_api", ["payload"] = new JsonObject { ["pad"] = new string('x', 1536 * 1024) } };
        await peer.SendRawAsync(Encoding.UTF8.GetBytes(big.ToJsonString()), frames: 5);
        // A good one in three frames.
        var good = Encoding.UTF8.GetBytes(new JsonObject { ["envelope_id"] = "good", ["type"] = "events_api", ["payload"] = Dm("U0BOB", "quiz") }.ToJsonString());
        await peer.SendRawAsync(good, frames: 3);

        await peer.AckAsync("good");
        foreach (var id in acked)
        {
            await peer.AckAsync(id, TimeSpan.FromSeconds(1));
        }
        Assert.DoesNotContain(peer.Received, r => r.Text.Contains("too-big", StringComparison.Ordinal));
        var question = await bot.Slack.NextAsync("chat.postMessage");
        Assert.Equal(SlackApp.Dm, question["channel"]);
        await bot.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromMilliseconds(500));
        await bot.Socket.ExpectNoConnectionAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task With_only_request_urls_configured_socket_mode_stays_off()
    {
        await using var socket = new SlackSocketStandIn();
        await using var app = new SlackApp();
        app.Slack.ServeSocketMode(socket);

        using var http = await app.DirectMessageAsync("U0BOB", "help");

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        await app.Slack.NextAsync("chat.postMessage");
        await socket.ExpectNoConnectionAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(app.Slack.CallsTo("apps.connections.open"));
    }

    [Fact]
    public async Task A_refused_app_token_is_tried_again_after_a_growing_wait_not_in_a_loop()
    {
        await using var socket = new SlackSocketStandIn();
        await using var app = new SlackApp(settings: new() { ["Slack:SigningSecret"] = "", ["Slack:AppToken"] = "xapp-1-A0QUIZBOT-9999-revoked" });
        app.Slack.ServeSocketMode(socket);
        _ = app.Bot.Services;

        var first = await app.Slack.NextAsync("apps.connections.open");
        Assert.Equal("invalid_auth", first.Error);
        var second = await app.Slack.NextAsync("apps.connections.open");
        Assert.True(second.At - first.At >= TimeSpan.FromSeconds(0.95), $"tried again after {(second.At - first.At).TotalMilliseconds} ms");
        // The next wait is 2 s: nothing more within the next 1.5 s.
        await app.Slack.ExpectNothingMoreAsync("apps.connections.open", TimeSpan.FromSeconds(1.5));
        await socket.ExpectNoConnectionAsync(TimeSpan.Zero);
    }

    private static JsonObject Dm(string user, string text, string channel = SlackApp.Dm, string? eventId = null) =>
        SlackEvents.Callback(SlackEvents.MessageIm(user, channel, text), eventId);

    // A slash command as Socket Mode carries it: the form's fields as one JSON object of strings.
    private static JsonObject Command(string user, string text, Uri responseUrl)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in SlackCommands.Fields(user, SlackApp.Room, "/quiz", text, responseUrl))
        {
            payload[name] = value;
        }
        payload["is_enterprise_install"] = "false";
        return payload;
    }

    // The service with Socket Mode on and no signing secret, connected: Peer is its first connection.
    private sealed class SocketBot : IAsyncDisposable
    {
        private SocketBot(SlackSocketStandIn socket, SlackApp app, SlackSocketPeer peer) => (Socket, App, Peer) = (socket, app, peer);

        public SlackSocketStandIn Socket { get; }

        public SlackApp App { get; }

        public SlackSocketPeer Peer { get; }

        public SlackStandIn Slack => App.Slack;

        public static async Task<SocketBot> StartAsync()
        {
            var socket = new SlackSocketStandIn();
            var app = new SlackApp(settings: new() { ["Slack:SigningSecret"] = "", ["Slack:AppToken"] = SlackStandIn.DefaultAppToken });
            app.Slack.ServeSocketMode(socket);
            try
            {
                // Starting the host starts Socket Mode.
                _ = app.Bot.Services;
                return new SocketBot(socket, app, await socket.NextConnectionAsync());
            }
            catch
            {
                await app.DisposeAsync();
                await socket.DisposeAsync();
                throw;
            }
        }

        // The bot first, so that it stops its own connection rather than see the stand-in go.
        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Socket.DisposeAsync();
        }
    }
}
