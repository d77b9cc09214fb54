using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using QuizBot.Tests.Support;
using Xunit.Abstractions;

namespace QuizBot.Tests.Hostile;

// Generated hostile Slack requests, validly signed so that they get past the signature to the parsers and the bot.
// A failure prints CsCheck's seed; pass it as `seed:` to replay.
public sealed class PropertiesSlackTests(ITestOutputHelper output)
{
    private const string Events = "/api/slack/events";
    private const string Interactions = "/api/slack/interactions";
    private const string Commands = "/api/slack/commands";

    private readonly Tally _tally = new(output);
    private int _channel;

    // Each case in its own channel: the Web API is paced per channel, which would make the suite slow, not safer.
    private string Channel(char kind) => $"{kind}0H{Interlocked.Increment(ref _channel):D6}";

    private static readonly string[] EventFields = ["type", "text", "user", "channel", "ts", "thread_ts", "channel_type", "tab", "bot_id", "subtype", "team"];
    private static readonly string[] EnvelopeFields = ["type", "event", "event_id", "team_id", "challenge", "authorizations", "api_app_id"];

    private static readonly Gen<(string Kind, (string Field, JsonNode? Value)[] InEvent, (string Field, JsonNode? Value)[] InEnvelope)> EventCase =
        Gen.Select(
            Gen.OneOf(Gen.Const("im"), Gen.Const("mention"), Gen.Const("home"), Gen.Const("challenge")),
            Gen.Select(Gen.Int[0, EventFields.Length - 1].Select(i => EventFields[i]), Generators.Value).Array[0, 3],
            Gen.Select(Gen.Int[0, EnvelopeFields.Length - 1].Select(i => EnvelopeFields[i]), Generators.Value).Array[0, 2]);

    [Fact]
    public async Task Signed_events_with_hostile_fields_get_no_5xx_no_stack_trace_and_store_nothing_when_refused()
    {
        await using var host = new HostileHost();
        await Gen.Select(EventCase, Generators.Command).SampleAsync(async (@case, text) =>
        {
            var (kind, inEvent, inEnvelope) = @case;
            var dm = Channel('D');
            var body = kind switch
            {
                "challenge" => SlackEvents.UrlVerification(text),
                "home" => SlackEvents.Callback(SlackEvents.AppHomeOpened(HostileHost.SlackAdmin, dm)),
                "mention" => SlackEvents.Callback(SlackEvents.AppMention(HostileHost.SlackAdmin, Channel('C'), text)),
                _ => SlackEvents.Callback(SlackEvents.MessageIm(HostileHost.SlackAdmin, dm, text)),
            };
            if (body["event"] is JsonObject e)
            {
                Apply(e, inEvent);
            }
            Apply(body, inEnvelope);
            var bytes = Generators.Json(body);
            await PropertiesCheck.HoldsAsync(host, _tally, "Slack event", () => host.PostSlackAsync(Events, bytes, "application/json"), what: body.ToJsonString());
        }, iter: 200, threads: 1);
        _tally.Print();
    }

    [Fact]
    public async Task Signed_bodies_that_are_not_what_the_url_takes_are_refused()
    {
        await using var host = new HostileHost();
        await Gen.Select(Gen.OneOf(Gen.Const(Events), Gen.Const(Interactions), Gen.Const(Commands)), Generators.Garbage,
            Gen.OneOf(Gen.Const("application/json"), Gen.Const(SlackForm.ContentType), Gen.Const("text/plain"))).SampleAsync(async (path, body, type) =>
        {
            await PropertiesCheck.HoldsAsync(host, _tally, $"Slack non-payload body at {path}", () => host.PostSlackAsync(path, body, type), what: Convert.ToBase64String(body));
        }, iter: 150, threads: 1);
        _tally.Print();
    }

    private static readonly string[] ActionIds = ["answer", "round", "start", "round-view", "schedule-form", "home-refresh"];

    [Fact]
    public async Task Signed_interactions_with_tampered_buttons_get_no_5xx_no_stack_trace_and_store_nothing_when_refused()
    {
        await using var host = new HostileHost();
        var actionIds = Gen.OneOf(Gen.Int[0, ActionIds.Length - 1].Select(i => ActionIds[i]), Generators.Text);
        var payloadFields = Gen.Select(Gen.OneOf(Gen.Const("type"), Gen.Const("user"), Gen.Const("container"), Gen.Const("channel"),
            Gen.Const("actions"), Gen.Const("response_url"), Gen.Const("team"), Gen.Const("message"), Gen.Const("view")), Generators.Value).Array[0, 2];
        await Gen.Select(actionIds, Generators.CardData, payloadFields, Gen.Bool).SampleAsync(async (actionId, data, changes, home) =>
        {
            // The value as JSON text, lone surrogates as escapes inside it (the payload escapes them once more).
            var value = Encoding.UTF8.GetString(Generators.Json(data));
            var payload = home
                ? SlackInteractions.HomeButtonClick(HostileHost.SlackAdmin, "V0HOME", actionId, value)
                : SlackInteractions.ButtonClick(HostileHost.SlackAdmin, Channel('C'), "1700000000.000100", actionId, value, host.Slack.ResponseUrl());
            Apply(payload, changes);
            var form = SlackForm.Encode([new("payload", Encoding.UTF8.GetString(Generators.Json(payload)))]);
            await PropertiesCheck.HoldsAsync(host, _tally, "Slack interaction", () => host.PostSlackAsync(Interactions, form, SlackForm.ContentType), what: payload.ToJsonString());
        }, iter: 200, threads: 1);
        _tally.Print();
    }

    private static readonly string[] CommandFields = ["command", "text", "user_id", "channel_id", "team_id", "response_url", "user_name", "channel_name"];

    [Fact]
    public async Task Signed_slash_commands_and_schedules_get_no_5xx_no_stack_trace_and_store_nothing_when_refused()
    {
        await using var host = new HostileHost();
        var changes = Gen.Select(Gen.Int[0, CommandFields.Length - 1].Select(i => CommandFields[i]), Generators.Text, Gen.Int[0, 4]).Array[0, 2];
        await Gen.Select(Gen.OneOf(Generators.Command, Generators.Schedule), changes).SampleAsync(async (text, fieldChanges) =>
        {
            var fields = SlackCommands.Fields(HostileHost.SlackAdmin, Channel('C'), "/quiz", text, host.Slack.ResponseUrl());
            foreach (var (field, value, how) in fieldChanges)
            {
                var at = fields.FindIndex(f => f.Key == field);
                if (at < 0)
                {
                    fields.Add(new(field, value));
                }
                else if (how == 0)
                {
                    // Removed, or (below) sent twice: a form field sent twice must read as missing, not as either value.
                    fields.RemoveAt(at);
                }
                else if (how == 1)
                {
                    fields.Add(new(field, value));
                }
                else
                {
                    fields[at] = new(field, value);
                }
            }
            var form = SlackForm.Encode(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.Replace(Generators.LoneHigh, "\uD800", StringComparison.Ordinal))));
            var entry = text.StartsWith("schedule ", StringComparison.Ordinal) ? "Slack schedule text" : "Slack slash command";
            await PropertiesCheck.HoldsAsync(host, _tally, entry, () => host.PostSlackAsync(Commands, form, SlackForm.ContentType), what: string.Join("&", fields));
        }, iter: 200, threads: 1);
        _tally.Print();
    }

    private static void Apply(JsonObject target, (string Field, JsonNode? Value)[] changes)
    {
        foreach (var (field, value) in changes)
        {
            target[field] = value?.DeepClone();
        }
    }
}
