using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The real service with Slack turned on against the Slack stand-in, and what a workspace sends it, signed.
// Every Block Kit body the bot sent is checked against the schemas of Slack's own SDK types at the end.
internal sealed class SlackApp : IAsyncDisposable
{
    public const string Dm = "D0BOBDM01";
    public const string Room = "C0QUIZ001";

    private readonly SlackSender _sender;

    // services: registrations after the service's own (BotApp).
    public SlackApp(TimeProvider? time = null, Dictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        // Signed at the service's own time, as a workspace whose clock agrees with it would.
        _sender = new SlackSender(SlackSender.DefaultSecret, time);
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSender.DefaultSecret,
            ["Slack:BotToken"] = SlackStandIn.DefaultToken,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            ["Slack:AuthorizeUrl"] = Slack.AuthorizeUrl,
        };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }
        Bot = new BotApp(all, time, services);
        Slack.AddUser("U0ALICE", "Alice Admin", "alice", isAdmin: true);
        Slack.AddUser("U0BOB", "Bob Builder", "bob");
        Slack.AddUser("U0CAROL", "Carol Chen", "carol");
        Slack.AddUser("U0DAVE", "Dave Dunn", "dave");
    }

    public SlackStandIn Slack { get; } = new();

    // Signs requests as the workspace does, for tests that build their own.
    public SlackSender Sender => _sender;

    public BotApp Bot { get; }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var client = Bot.CreateClient();
        return client.SendAsync(request);
    }

    public Task<HttpResponseMessage> DirectMessageAsync(string user, string text, string channel = Dm, string? eventId = null) =>
        SendAsync(_sender.Event("/api/slack/events", SlackEvents.Callback(SlackEvents.MessageIm(user, channel, text), eventId)));

    // A file shared in a DM with the bot (or in a channel, with channelType "channel"), from SlackStandIn.AddFile.
    public Task<HttpResponseMessage> ShareFileAsync(string user, JsonObject file, string channel = Dm, string channelType = "im") =>
        SendAsync(_sender.Event("/api/slack/events", SlackEvents.Callback(SlackEvents.FileShareIm(user, channel, file, channelType: channelType))));

    // The person opened the app's Home tab ("home") or its Messages tab ("messages").
    public Task<HttpResponseMessage> OpenHomeAsync(string user, string tab = "home") =>
        SendAsync(_sender.Event("/api/slack/events", SlackEvents.Callback(SlackEvents.AppHomeOpened(user, Dm, tab))));

    public Task<HttpResponseMessage> CommandAsync(string user, string text, string channel = Room) =>
        SendAsync(_sender.Command("/api/slack/commands", SlackCommands.Fields(user, channel, "/quiz", text, Slack.ResponseUrl())));

    public Task<HttpResponseMessage> ClickAsync(string user, string channel, string messageTs, JsonObject button) =>
        SendAsync(_sender.Interaction("/api/slack/interactions",
            SlackInteractions.ButtonClick(user, channel, messageTs, button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>(), Slack.ResponseUrl())));

    public HttpRequestMessage Signed(string path, byte[] body, string contentType, long? timestamp = null) =>
        _sender.SignedRequest(path, body, contentType, null, timestamp);

    // The buttons of a message the bot sent, in order.
    public static List<JsonObject> Buttons(SlackCall call) =>
        [.. call.Body["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]?.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())];

    public static string Text(SlackCall call) => call.Body.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var call in Slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "response_url" or "views.publish" or "views.open"))
            {
                await SlackBlockKit.AssertValidAsync(call.Method, call.Body, $"{call.Method} to {call.Body["channel"]}");
            }
        }
        finally
        {
            await Bot.DisposeAsync();
            await Slack.DisposeAsync();
        }
    }
}
