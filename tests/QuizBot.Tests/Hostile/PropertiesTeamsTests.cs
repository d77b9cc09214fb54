using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace QuizBot.Tests.Hostile;

// Generated hostile activities at POST /api/messages. A failure prints CsCheck's seed; pass it as `seed:` to replay.
public sealed class PropertiesTeamsTests(ITestOutputHelper output)
{
    private readonly Tally _tally = new(output);

    // A real activity (a message, an invoke, a submit or an install) with fields replaced by anything or removed.
    private static readonly Gen<(string Base, (string Field, JsonNode? Value, bool Remove)[] Changes)> Mutated =
        Gen.Select(
            Gen.OneOf(Gen.Const("message"), Gen.Const("invoke"), Gen.Const("submit"), Gen.Const("added")),
            Generators.ActivityField.SelectMany(f => Gen.Select(Generators.ActivityValue(f), Gen.Int[0, 5], (v, r) => (f, v, r == 0))).Array[1, 4]);

    [Fact]
    public async Task Mutated_activities_get_no_5xx_no_stack_trace_and_store_nothing_when_refused()
    {
        await using var host = new HostileHost();
        await Mutated.SampleAsync(async (kind, changes) =>
        {
            var activity = Build(host, kind, changes);
            var body = Generators.Json(activity);
            await PropertiesCheck.HoldsAsync(host, _tally, "Teams activity", () => host.PostTeamsAsync(body), InvokeRefused, activity.ToJsonString());
        }, iter: 250, threads: 1);
        _tally.Print();
    }

    // With authentication on, the token is checked before the body is read: junk tokens get 401 whatever the body.
    [Fact]
    public async Task With_authentication_on_mutated_activities_with_junk_tokens_get_401()
    {
        await using var host = new HostileHost(authentication: true);
        var tokens = Gen.OneOf(Gen.Const("Bearer x"), Gen.Const("Basic Zm9vOmJhcg=="), Gen.Const("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."),
            Generators.Text.Select(t => "Bearer " + new string([.. t.Where(c => c is >= ' ' and <= '~')])));
        await Gen.Select(Mutated, tokens).SampleAsync(async (@case, token) =>
        {
            var activity = Build(host, @case.Base, @case.Changes);
            var body = Generators.Json(activity);
            var exchange = await PropertiesCheck.HoldsAsync(host, _tally, "Teams activity, junk token", () => host.PostTeamsAsync(body, token: token), what: activity.ToJsonString());
            Assert.True(exchange.Status == 401, $"A junk token got {exchange.Status}");
        }, iter: 150, threads: 1);
        _tally.Print();
    }

    [Fact]
    public async Task Bodies_that_are_not_activities_are_refused_with_a_sentence()
    {
        await using var host = new HostileHost();
        await Gen.Select(Generators.Garbage, Gen.OneOf(Gen.Const("application/json"), Gen.Const("application/json; charset=utf-16"), Gen.Const("text/plain")))
            .SampleAsync(async (body, type) =>
            {
                var exchange = await PropertiesCheck.HoldsAsync(host, _tally, "Teams non-activity body", () => host.PostTeamsAsync(body, type), what: Convert.ToBase64String(body));
                Assert.True(exchange.Refused || exchange.Status == 200, $"Answered {exchange.Status}");
            }, iter: 150, threads: 1);
        _tally.Print();
    }

    [Fact]
    public async Task Tampered_card_data_in_invokes_and_submits_is_refused_or_handled()
    {
        await using var host = new HostileHost();
        await Gen.Select(Generators.CardData, Gen.OneOf(Gen.Const("answer"), Gen.Const("round-view"), Generators.Text), Gen.Bool).SampleAsync(async (data, verb, invoke) =>
        {
            var activity = invoke ? host.Teams.Invoke(data ?? JsonValue.Create(0)!, verb) : host.Teams.Submit(data ?? JsonValue.Create(0)!);
            if (data is null)
            {
                ((JsonObject)(invoke ? activity["value"]!["action"]! : activity))[invoke ? "data" : "value"] = null;
            }
            var body = Generators.Json(activity);
            await PropertiesCheck.HoldsAsync(host, _tally, invoke ? "Teams invoke card data" : "Teams submit card data",
                () => host.PostTeamsAsync(body), InvokeRefused, activity.ToJsonString());
        }, iter: 200, threads: 1);
        _tally.Print();
    }

    [Fact]
    public async Task Chat_commands_and_schedules_from_an_admin_get_a_sentence_never_a_crash()
    {
        await using var host = new HostileHost();
        await Gen.OneOf(Generators.Command, Generators.Schedule).SampleAsync(async text =>
        {
            var activity = host.Teams.Message(text);
            var body = Generators.Json(activity);
            await PropertiesCheck.HoldsAsync(host, _tally, text.StartsWith("schedule ", StringComparison.Ordinal) ? "Teams schedule text" : "Teams chat command",
                () => host.PostTeamsAsync(body), what: text);
        }, iter: 250, threads: 1);
        _tally.Print();
    }

    // An invoke refused in its own answer: HTTP 200 with an error status inside, as Teams expects.
    internal static bool InvokeRefused(Exchange exchange) =>
        exchange.Status == 200 && exchange.Body.StartsWith('{') && JsonNode.Parse(exchange.Body) is JsonObject answer
        && answer["statusCode"] is JsonValue code && code.GetValue<int>() != 200;

    private static JsonObject Build(HostileHost host, string kind, (string Field, JsonNode? Value, bool Remove)[] changes)
    {
        var activity = kind switch
        {
            "invoke" => host.Teams.Invoke(new JsonObject { ["action"] = "start" }),
            "submit" => host.Teams.Submit(new JsonObject { ["action"] = "round", ["p"] = "post-1", ["c"] = 1 }),
            "added" => host.Teams.BotAdded(),
            _ => host.Teams.Message("quiz"),
        };
        foreach (var (field, value, remove) in changes)
        {
            var parts = field.Split('.');
            if (parts.Length == 2 && activity[parts[0]] is not JsonObject)
            {
                continue;
            }
            var parent = parts.Length == 2 ? (JsonObject)activity[parts[0]]! : activity;
            if (remove)
            {
                parent.Remove(parts[^1]);
            }
            else
            {
                parent[parts[^1]] = value?.DeepClone();
            }
        }
        return activity;
    }
}
