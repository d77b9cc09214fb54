using System.Text;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

// Socket Mode's small parts, without a connection (its settings are in SlackOptionsTests).
public sealed class SlackSocketModePartsTests
{
    [Fact]
    public void The_reconnect_wait_doubles_from_one_second_to_at_most_thirty_and_starts_again_after_a_hello()
    {
        var backoff = new SocketBackoff();

        var waits = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).ToList();
        backoff.Reset();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Theory]
    [InlineData("wss://wss-primary.slack.com/link/?ticket=abc&app_id=A1", true)]
    [InlineData("ws://127.0.0.1:5000/link/?ticket=1", true)]
    [InlineData("ws://wss-primary.slack.com/link/?ticket=abc", false)]
    [InlineData("https://wss-primary.slack.com/link/", false)]
    [InlineData("wss://user:pw@wss-primary.slack.com/link/", false)]
    [InlineData("/link/?ticket=abc", false)]
    [InlineData(null, false)]
    public void Only_a_wss_url_or_plain_ws_to_this_machine_is_connected_to(string? url, bool accepted) =>
        Assert.Equal(accepted, SlackSocketMode.AcceptUrl(url) is not null);

    [Fact]
    public void A_socket_slash_command_reads_the_same_fields_as_the_form()
    {
        const string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fquiz&text=post+now&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1";
        const string json = """{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/quiz","text":"post now","response_url":"https://hooks.slack.com/commands/1","is_enterprise_install":"false"}""";

        Assert.Equal(SlackPayloads.ParseCommand(Encoding.UTF8.GetBytes(form)), SlackPayloads.ParseCommandJson(Encoding.UTF8.GetBytes(json)));
        Assert.Null(SlackPayloads.ParseCommandJson("[1]"u8));
        Assert.Null(SlackPayloads.ParseCommandJson("{"u8));
        Assert.Null(SlackPayloads.ParseCommandJson("""{"command":7}"""u8)!.Command);
    }

    [Fact]
    public void A_socket_interaction_reads_as_the_form_payload_does()
    {
        const string json = """{"type":"block_actions","user":{"id":"U1"},"team":{"id":"T1"},"channel":{"id":"C1"},"actions":[null,{"action_id":"a","value":"v"}]}""";
        var form = "payload=" + Uri.EscapeDataString(json);

        var fromJson = SlackPayloads.ParseInteractionJson(Encoding.UTF8.GetBytes(json))!;
        var fromForm = SlackPayloads.ParseInteraction(Encoding.UTF8.GetBytes(form))!;

        Assert.Equal("v", fromJson.FirstAction!.Value);
        Assert.Equal(fromForm.FirstAction, fromJson.FirstAction);
        Assert.Equal(fromForm.TeamId, fromJson.TeamId);
        Assert.Null(SlackPayloads.ParseInteractionJson("""{"type":"block_actions","user":5}"""u8));
    }

    [Fact]
    public void A_socket_message_keeps_its_payload_and_reads_fields_of_the_wrong_kind_as_missing()
    {
        var message = SocketMessage.Parse("""{"envelope_id":"e1","type":"events_api","payload":{"a":1},"retry_attempt":2,"retry_reason":"timeout"}"""u8.ToArray())!;
        var odd = SocketMessage.Parse("""{"envelope_id":5,"type":"events_api","payload":"x","retry_attempt":"2"}"""u8.ToArray())!;

        Assert.Equal(("e1", "events_api", 2, """{"a":1}"""), (message.EnvelopeId, message.Type, message.RetryAttempt, Encoding.UTF8.GetString(message.Payload!)));
        Assert.Equal((null, null, 0), (odd.EnvelopeId, odd.Payload, odd.RetryAttempt));
        Assert.Null(SocketMessage.Parse("not json"u8.ToArray()));
        Assert.Null(SocketMessage.Parse("[]"u8.ToArray()));
    }
}
