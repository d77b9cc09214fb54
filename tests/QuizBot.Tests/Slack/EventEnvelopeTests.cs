using System.Text;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class EventEnvelopeTests
{
    private static EventEnvelope? Parse(string json) => SlackPayloads.ParseEvent(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_url_verification_gives_the_challenge_to_echo()
    {
        var e = SlackPayloads.ParseEvent(Encoding.UTF8.GetBytes(SlackEvents.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P").ToJsonString()))!;

        Assert.Equal(EventEnvelope.UrlVerification, e.Type);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", e.Challenge);
        Assert.Null(e.Event);
    }

    [Fact]
    public void A_direct_message_arrives_as_an_event_callback_with_its_id_team_and_text()
    {
        var json = SlackEvents.Callback(SlackEvents.MessageIm("U1", "D1", "start science"), eventId: "Ev0PV52K21", eventTime: 1700000005).ToJsonString();

        var e = Parse(json)!;

        Assert.Equal(EventEnvelope.EventCallback, e.Type);
        Assert.Equal(("Ev0PV52K21", 1700000005L, SlackEvents.TeamId, SlackEvents.AppId), (e.EventId, e.EventTime!.Value, e.TeamId, e.ApiAppId));
        var m = e.Event!;
        Assert.Equal(("message", "U1", "D1", "im", "start science"), (m.Type, m.User, m.Channel, m.ChannelType, m.Text));
        Assert.Equal(("1700000001.000100", "1700000001.000100"), (m.Ts, m.EventTs));
        Assert.Null(m.BotId);
        Assert.Null(m.Subtype);
    }

    [Fact]
    public void The_bots_own_message_is_recognisable_by_its_bot_id_and_subtype()
    {
        var e = Parse(SlackEvents.Callback(SlackEvents.BotMessageIm("B0QUIZBOT", "D1", "Question 1")).ToJsonString())!;

        Assert.Equal(("B0QUIZBOT", "bot_message"), (e.Event!.BotId, e.Event.Subtype));
        Assert.Null(e.Event.User);
    }

    [Fact]
    public void A_mention_in_a_thread_carries_the_mention_markup_and_the_thread()
    {
        var e = Parse(SlackEvents.Callback(SlackEvents.AppMention("U1", "C1", "leaderboard", threadTs: "1700000000.000100")).ToJsonString())!;

        Assert.Equal(("app_mention", "<@U0QUIZBOT> leaderboard", "1700000000.000100"), (e.Event!.Type, e.Event.Text, e.Event.ThreadTs));
    }

    [Fact]
    public void App_home_opened_names_the_person_and_the_tab()
    {
        var e = Parse(SlackEvents.Callback(SlackEvents.AppHomeOpened("U1", "D1")).ToJsonString())!;

        Assert.Equal(("app_home_opened", "U1", "D1", "home"), (e.Event!.Type, e.Event.User, e.Event.Channel, e.Event.Tab));
    }

    [Fact]
    public void An_event_whose_user_is_an_object_still_parses_with_the_user_left_null()
    {
        // team_join and user_change send the whole user object under the same name message events use for an id.
        var e = Parse("""{"type":"event_callback","event_id":"Ev1","event_time":"1700000000","event":{"type":"team_join","user":{"id":"U9"}}}""")!;

        Assert.Equal("team_join", e.Event!.Type);
        Assert.Null(e.Event.User);
        Assert.Equal(1700000000L, e.EventTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"event_callback\"")]
    [InlineData("{\"type\":\"event_callback\",\"event\":[]}")]
    [InlineData("{\"type\":\"event_callback\"")]
    [InlineData("token=x&challenge=y")]
    public void Junk_gives_null_rather_than_an_exception(string body)
    {
        Assert.Null(Parse(body));
    }
}
