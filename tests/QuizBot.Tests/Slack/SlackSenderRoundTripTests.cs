using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The test senders against the real reader over real HTTP: what they build is what Slack sends, and what the reader
// accepts. The endpoints here echo what they parsed, as a Slack adapter would use the pieces.
public sealed class SlackSenderRoundTripTests : IAsyncLifetime
{
    private readonly SlackSender _sender = new(SlackSender.DefaultSecret);
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Slack:SigningSecret"] = SlackSender.DefaultSecret;
        builder.Configuration["Slack:BotToken"] = SlackStandIn.DefaultToken;
        builder.Services.AddSlackWire();
        _app = builder.Build();
        _app.MapPost("/api/slack/events", (HttpContext http, SlackRequestReader reader) => HandleAsync(http, reader, SlackRequestReader.MaxEventBytes,
            r => SlackPayloads.ParseEvent(r.Body) is { } e ? new JsonObject { ["type"] = e.Type, ["event_id"] = e.EventId, ["user"] = e.Event?.User, ["text"] = e.Event?.Text } : null));
        _app.MapPost("/api/slack/interactions", (HttpContext http, SlackRequestReader reader) => HandleAsync(http, reader, SlackRequestReader.MaxInteractionBytes,
            r => SlackPayloads.ParseInteraction(r.Body) is { } p ? new JsonObject { ["type"] = p.Type, ["user"] = p.User?.Id, ["value"] = p.FirstAction?.Value } : null));
        _app.MapPost("/api/slack/commands", (HttpContext http, SlackRequestReader reader) => HandleAsync(http, reader, SlackRequestReader.MaxEventBytes,
            r => SlackPayloads.ParseCommand(r.Body) is { } c ? new JsonObject { ["command"] = c.Command, ["user"] = c.UserId, ["text"] = c.Text } : null));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private static async Task<IResult> HandleAsync(HttpContext http, SlackRequestReader reader, int max, Func<SlackInbound, JsonObject?> parse)
    {
        var read = await reader.ReadAsync(http.Request, max, http.RequestAborted);
        if (read.Request is not { } request)
        {
            return read.Failure!;
        }
        var parsed = parse(request);
        if (parsed is null)
        {
            return Results.BadRequest();
        }
        parsed["retry_num"] = request.RetryNum;
        parsed["retry_reason"] = request.RetryReason;
        return Results.Text(parsed.ToJsonString(), "application/json");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<JsonObject> PostAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
    }

    [Fact]
    public async Task A_redelivered_direct_message_event_passes_with_its_retry_headers()
    {
        var envelope = SlackEvents.Callback(SlackEvents.MessageIm("U1", "D1", "help"), eventId: "Ev42");

        var echo = await PostAsync(_sender.Event("/api/slack/events", envelope, new SlackRedelivery(1)));

        Assert.Equal("""{"type":"event_callback","event_id":"Ev42","user":"U1","text":"help","retry_num":1,"retry_reason":"http_timeout"}""", echo.ToJsonString());
    }

    [Fact]
    public async Task A_button_click_passes_as_a_form_field_and_parses()
    {
        var click = SlackInteractions.ButtonClick("U1", "C1", "1700000000.000100", "answer-1", "q3:1 & more", new Uri("https://hooks.slack.com/actions/A/1/x"));

        var echo = await PostAsync(_sender.Interaction("/api/slack/interactions", click));

        Assert.Equal(("block_actions", "U1", "q3:1 & more"), (echo["type"]!.GetValue<string>(), echo["user"]!.GetValue<string>(), echo["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_slash_command_passes_as_a_form_and_parses()
    {
        var fields = SlackCommands.Fields("U1", "C1", "/quiz", "start round 1", new Uri("https://hooks.slack.com/commands/T/1/x"));

        var echo = await PostAsync(_sender.Command("/api/slack/commands", fields));

        Assert.Equal(("/quiz", "U1", "start round 1"), (echo["command"]!.GetValue<string>(), echo["user"]!.GetValue<string>(), echo["text"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("another-secret", 0, HttpStatusCode.Unauthorized)]
    [InlineData(SlackSender.DefaultSecret, -400, HttpStatusCode.Unauthorized)]
    [InlineData(SlackSender.DefaultSecret, 400, HttpStatusCode.Unauthorized)]
    public async Task A_request_with_the_wrong_secret_or_an_old_timestamp_is_refused(string secret, int ageSeconds, HttpStatusCode expected)
    {
        var sender = new SlackSender(secret);
        var body = System.Text.Encoding.UTF8.GetBytes(SlackEvents.UrlVerification("c").ToJsonString());
        using var request = sender.SignedRequest("/api/slack/events", body, "application/json", null, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - ageSeconds);

        using var response = await _http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_event_is_refused_with_413()
    {
        var envelope = SlackEvents.Callback(SlackEvents.MessageIm("U1", "D1", new string('x', SlackRequestReader.MaxEventBytes)));

        using var response = await _http.SendAsync(_sender.Event("/api/slack/events", envelope));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
