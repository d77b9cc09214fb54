using System.Net;
using System.Text;
using System.Text.Json;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class BlockActionsPayloadTests
{
    // A button click as Slack posts it, modelled on the block_actions reference example: extra fields QuizBot does not
    // read (token, enterprise, message attachments, emoji flags) are there too and must simply be ignored.
    private const string Payload = """
        {"type":"block_actions","user":{"id":"U2CERLKJA","username":"roadrunner","name":"roadrunner","team_id":"T9TK3CUKW"},
         "api_app_id":"AABA1ABCD","token":"9s8d9as89d8as9d8as989",
         "container":{"type":"message","message_ts":"1548261231.000200","channel_id":"CBR2V3XEX","is_ephemeral":false},
         "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
         "team":{"id":"T9TK3CUKW","domain":"example"},"enterprise":null,"is_enterprise_install":false,
         "channel":{"id":"CBR2V3XEX","name":"review-updates"},
         "message":{"bot_id":"BAH5CA16Z","type":"message","text":"Which planet is largest?","user":"UAJ2RU415","ts":"1548261231.000200",
           "team":"T9TK3CUKW","blocks":[{"type":"section","block_id":"q","text":{"type":"mrkdwn","text":"Which planet is largest?","verbatim":false}},
           {"type":"actions","block_id":"answers","elements":[{"type":"button","action_id":"answer-0","text":{"type":"plain_text","text":"Jupiter","emoji":true},"value":"q7:0"}]}]},
         "state":{"values":{}},
         "response_url":"https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
         "actions":[{"action_id":"answer-0","block_id":"answers","text":{"type":"plain_text","text":"Jupiter","emoji":true},
           "value":"q7:0","type":"button","action_ts":"1548426417.840180"}]}
        """;

    private static byte[] Form(string payload) => Encoding.ASCII.GetBytes("payload=" + WebUtility.UrlEncode(payload));

    [Fact]
    public void A_button_click_shaped_like_Slacks_example_gives_every_field_QuizBot_reads()
    {
        var p = SlackPayloads.ParseInteraction(Form(Payload))!;

        Assert.Equal(BlockActionsPayload.BlockActions, p.Type);
        Assert.Equal(("U2CERLKJA", "roadrunner", "roadrunner", "T9TK3CUKW"), (p.User!.Id, p.User.Username, p.User.Name, p.User.TeamId));
        Assert.Equal(("T9TK3CUKW", "example"), (p.Team!.Id, p.Team.Domain));
        Assert.Equal("AABA1ABCD", p.ApiAppId);
        Assert.Equal(("message", "1548261231.000200", "CBR2V3XEX", false), (p.Container!.Type, p.Container.MessageTs, p.Container.ChannelId, p.Container.IsEphemeral));
        Assert.Equal("12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3", p.TriggerId);
        Assert.Equal(("CBR2V3XEX", "review-updates"), (p.Channel!.Id, p.Channel.Name));
        Assert.Equal(("1548261231.000200", "Which planet is largest?"), (p.Message!.Ts, p.Message.Text));
        Assert.Equal(JsonValueKind.Array, p.Message.Blocks!.Value.ValueKind);
        Assert.Equal("https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209", p.ResponseUrl);
        var action = Assert.Single(p.Actions!);
        Assert.Equal(("answer-0", "answers", "q7:0", "button", "1548426417.840180"), (action.ActionId, action.BlockId, action.Value, action.Type, action.ActionTs));
        Assert.Equal("Jupiter", action.Text!.Text);
        Assert.Null(action.SelectedOption);
        Assert.Equal(JsonValueKind.Object, p.State!.Value.ValueKind);
        Assert.Equal(("CBR2V3XEX", "1548261231.000200", "T9TK3CUKW"), (p.ChannelId, p.MessageTs, p.TeamId));
        Assert.Same(action, p.FirstAction);
    }

    [Fact]
    public void The_test_senders_click_parses_the_same_way()
    {
        var url = new Uri("https://hooks.slack.com/actions/A0QUIZBOT/1/abc");
        var click = SlackInteractions.ButtonClick("U1", "C1", "1700000000.000100", "answer-2", "q1:2", url);

        var p = SlackPayloads.ParseInteraction(SlackForm.Encode([new("payload", click.ToJsonString())]))!;

        Assert.Equal(("U1", "C1", "1700000000.000100", "answer-2", "q1:2"), (p.User!.Id, p.ChannelId, p.MessageTs, p.FirstAction!.ActionId, p.FirstAction.Value));
        Assert.Equal(url.ToString(), p.ResponseUrl);
    }

    [Fact]
    public void A_click_in_an_ephemeral_message_reads_channel_and_ts_from_the_container()
    {
        var click = SlackInteractions.ButtonClick("U1", "C1", "1700000000.000100", "next", "q2", new Uri("https://hooks.slack.com/a"), ephemeral: true);
        click.Remove("channel");

        var p = SlackPayloads.ParseInteraction(SlackForm.Encode([new("payload", click.ToJsonString())]))!;

        Assert.Null(p.Message);
        Assert.True(p.Container!.IsEphemeral);
        Assert.Equal(("C1", "1700000000.000100"), (p.ChannelId, p.MessageTs));
    }

    [Fact]
    public void A_click_in_the_Home_tab_has_no_channel_and_names_its_view()
    {
        var click = SlackInteractions.HomeButtonClick("U1", "V0HOME", "refresh", "boards");

        var p = SlackPayloads.ParseInteraction(SlackForm.Encode([new("payload", click.ToJsonString())]))!;

        Assert.Null(p.ChannelId);
        Assert.Equal(("view", "V0HOME"), (p.Container!.Type, p.Container.ViewId));
        Assert.Equal(("V0HOME", "home"), (p.View!.Id, p.View.Type));
        Assert.Equal("refresh", p.FirstAction!.ActionId);
    }

    [Fact]
    public void Fields_of_the_wrong_kind_read_as_null_and_null_actions_are_dropped()
    {
        const string odd = """
            {"type":"block_actions","user":{"id":5,"name":["x"]},"container":{"is_ephemeral":"yes","message_ts":1.5},
             "actions":[null,{"action_id":"a","value":{"nested":true},"selected_option":{"value":"v"}}],"state":"not-an-object"}
            """;

        var p = SlackPayloads.ParseInteraction(Form(odd))!;

        Assert.Null(p.User!.Id);
        Assert.Null(p.User.Name);
        Assert.Null(p.Container!.IsEphemeral);
        Assert.Null(p.Container.MessageTs);
        var action = Assert.Single(p.Actions!);
        Assert.Equal("a", action.ActionId);
        Assert.Null(action.Value);
        Assert.Equal("v", action.SelectedOption!.Value);
        Assert.Equal(JsonValueKind.String, p.State!.Value.ValueKind);
    }

    public static TheoryData<string> JunkBodies() =>
    [
        "",
        "payload=",
        "payload=not-json",
        "payload=%7B",
        "payload=null",
        "payload=%5B1%2C2%5D",
        "payload=%7B%22actions%22%3A%22x%22%7D",
        "payload=%7B%22user%22%3A%5B%5D%7D",
        "payload=a&payload=b",
        "type=block_actions",
        "%%%&&&===",
        "payload=" + string.Concat(Enumerable.Repeat("%5B", 200)),
        "{\"type\":\"block_actions\"}",
    ];

    [Theory]
    [MemberData(nameof(JunkBodies))]
    public void Junk_gives_null_rather_than_an_exception(string body)
    {
        Assert.Null(SlackPayloads.ParseInteraction(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_give_null_rather_than_an_exception()
    {
        Assert.Null(SlackPayloads.ParseInteraction([0x70, 0x61, 0x79, 0x6c, 0x6f, 0x61, 0x64, 0x3d, 0xff, 0xfe, 0x00]));
    }
}
