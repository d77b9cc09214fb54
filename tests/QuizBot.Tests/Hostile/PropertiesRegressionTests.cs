using System.Text;
using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Tests.Auth.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hostile;

// What the property suite found, kept as plain examples. A JSON string may escape a lone surrogate ("\uD800"): it
// parses, but reading it as a .NET string throws InvalidOperationException, not JsonException.
public sealed class PropertiesRegressionTests
{
    private const string LoneSurrogate = "\\uD800";

    [Fact]
    public async Task A_card_submit_whose_action_is_a_lone_surrogate_is_refused_not_a_500()
    {
        await using var host = new HostileHost();
        var activity = host.Teams.Submit(new JsonObject { ["action"] = Generators.LoneHigh });

        var exchange = await host.PostTeamsAsync(Generators.Json(activity));

        Assert.Equal(200, exchange.Status);
        var reply = Assert.Single(host.Bot.Connector.Calls);
        Assert.Equal("The card asked for an action QuizBot does not know.", reply.Text);
    }

    [Fact]
    public async Task An_invoke_whose_post_id_is_a_lone_surrogate_is_refused_in_its_answer_not_a_500()
    {
        await using var host = new HostileHost();
        var activity = host.Teams.Invoke(new JsonObject { ["action"] = "round", ["p"] = "post" + Generators.LoneHigh, ["c"] = 1 }, "round");

        var exchange = await host.PostTeamsAsync(Generators.Json(activity));

        Assert.Equal(200, exchange.Status);
        Assert.True(PropertiesTeamsTests.InvokeRefused(exchange), exchange.Body);
    }

    [Fact]
    public async Task An_invoke_whose_data_has_a_lone_surrogate_field_name_is_refused_in_its_answer_not_a_500()
    {
        await using var host = new HostileHost();
        var activity = host.Teams.Invoke(new JsonObject { ["action"] = "round", [Generators.LoneHigh] = 1 }, "round");

        var exchange = await host.PostTeamsAsync(Generators.Json(activity));

        Assert.Equal(200, exchange.Status);
        Assert.True(PropertiesTeamsTests.InvokeRefused(exchange), exchange.Body);
    }

    [Fact]
    public async Task A_slack_button_whose_value_holds_a_lone_surrogate_is_refused_not_a_crash()
    {
        await using var host = new HostileHost();
        var value = $"{{\"action\":\"round\",\"p\":\"{LoneSurrogate}\",\"c\":1}}";
        var click = SlackInteractions.ButtonClick(HostileHost.SlackAdmin, "C0QUIZ001", "1700000000.000100", "round", value, host.Slack.ResponseUrl());

        var exchange = await host.PostSlackAsync("/api/slack/interactions",
            SlackForm.Encode([new("payload", click.ToJsonString())]), SlackForm.ContentType);

        Assert.Equal(200, exchange.Status);
        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task With_authentication_on_a_lone_surrogate_tenant_in_channel_data_gets_401_not_a_500()
    {
        await using var bot = new BotApp(AuthHost.MultiTenant());
        var activity = new Activities(bot.Connector.ServiceUrl).Message("quiz");
        ((JsonObject)activity["conversation"]!).Remove("tenantId");
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Generators.LoneHigh } };
        using var client = bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new ByteArrayContent(Generators.Json(activity)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", "not-a-token");

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Exception", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_whose_choice_is_a_lone_surrogate_is_refused_naming_the_question_and_field()
    {
        var json = $$"""
            {"formatVersion":1,"id":"b","title":"Bank","questions":[
              {"id":"q1","text":"Which?","choices":["yes","{{LoneSurrogate}}"],"answer":0,"explanation":"Because."}]}
            """;

        var refusal = Assert.Throws<BankFormatException>(() => BankLoader.Parse(Encoding.UTF8.GetBytes(json), "hostile.json"));

        Assert.Equal("hostile.json, question #1 (q1), field 'choices[1]': the text is not valid Unicode (it escapes half a surrogate pair)", refusal.Message);
    }

    [Fact]
    public void A_bank_with_a_lone_surrogate_field_name_is_refused_naming_the_file()
    {
        var json = $$"""{"formatVersion":1,"id":"b","title":"Bank","{{LoneSurrogate}}":1,"questions":[]}""";

        var refusal = Assert.Throws<BankFormatException>(() => BankLoader.Parse(Encoding.UTF8.GetBytes(json), "hostile.json"));

        Assert.Equal("hostile.json: a field name is not valid Unicode (it escapes half a surrogate pair)", refusal.Message);
    }

    // Found by CI (CsCheck seed d0XvTx9jwFc2): a question's field name escaping half a surrogate pair threw out of
    // the lookup of its id, before the names were checked.
    [Fact]
    public void A_question_with_a_lone_surrogate_field_name_is_refused_naming_the_question()
    {
        var json = $$"""
            {"formatVersion":1,"id":"b","title":"Bank","questions":[
              {"{{LoneSurrogate}}x":2,"id":"q1","text":"Which?","choices":["yes","no"],"answer":0}]}
            """;

        var refusal = Assert.Throws<BankFormatException>(() => BankLoader.Parse(Encoding.UTF8.GetBytes(json), "hostile.json"));

        Assert.Equal("hostile.json, question #1: a field name is not valid Unicode (it escapes half a surrogate pair)", refusal.Message);
    }

    // Socket Mode reads envelopes and slash-command payloads itself: a string escaping half a surrogate pair is refused
    // as unreadable, not an exception that ends the connection's read loop.
    [Fact]
    public void A_socket_mode_envelope_with_a_lone_surrogate_is_unreadable_not_an_exception()
    {
        var envelope = Encoding.UTF8.GetBytes("""{"type":"events_api","envelope_id":"\uD800","payload":{}}""");
        var command = Encoding.UTF8.GetBytes("""{"command":"/quiz","text":"\uDC00","team_id":"T1","user_id":"U1","channel_id":"C1"}""");

        Assert.Null(QuizBot.Channels.Slack.SocketMessage.Parse(envelope));
        Assert.Null(QuizBot.Channels.Slack.SlackPayloads.ParseCommandJson(command));
    }
}
