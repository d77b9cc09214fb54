using System.Text;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class SlashCommandTests
{
    private static SlashCommand Parse(string body) => SlackPayloads.ParseCommand(Encoding.UTF8.GetBytes(body))!;

    [Fact]
    public void Slacks_published_example_body_gives_each_field_decoded()
    {
        var c = Parse(SlackSignatureTests.Body);

        Assert.Equal(("T1DC2JH3J", "testteamnow", "G8PSS9T3V", "foobar"), (c.TeamId, c.TeamDomain, c.ChannelId, c.ChannelName));
        Assert.Equal(("U2CERLKJA", "roadrunner", "/webhook-collect", ""), (c.UserId, c.UserName, c.Command, c.Text));
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", c.ResponseUrl);
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", c.TriggerId);
        Assert.Null(c.EnterpriseId);
        Assert.Null(c.ApiAppId);
    }

    [Fact]
    public void Plus_signs_are_spaces_and_percent_escapes_are_UTF_8()
    {
        var c = Parse("command=%2Fquiz&text=start+round+%231+caf%C3%A9+100%25+a%2Bb+%E2%9C%93&user_id=U1");

        Assert.Equal("start round #1 café 100% a+b ✓", c.Text);
    }

    [Fact]
    public void The_test_senders_command_round_trips_with_the_enterprise_and_app_ids()
    {
        var url = new Uri("https://hooks.slack.com/commands/T0STANDIN/1/abc");
        var body = SlackForm.Encode(SlackCommands.Fields("U1", "C1", "/quiz", "schedule daily 09:00 & more", url));

        var c = SlackPayloads.ParseCommand(body)!;

        Assert.Equal(("U1", "C1", "/quiz", "schedule daily 09:00 & more"), (c.UserId, c.ChannelId, c.Command, c.Text));
        Assert.Equal(("E0STANDIN", SlackEvents.AppId, url.ToString()), (c.EnterpriseId, c.ApiAppId, c.ResponseUrl));
    }

    [Fact]
    public void A_field_sent_twice_reads_as_null_because_either_copy_could_be_the_forgery()
    {
        var c = Parse("user_id=U1&user_id=U2&command=%2Fquiz");

        Assert.Null(c.UserId);
        Assert.Equal("/quiz", c.Command);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"command\":\"/quiz\"}")]
    [InlineData("%%%")]
    public void A_body_without_the_fields_gives_nulls_rather_than_an_exception(string body)
    {
        var c = Parse(body);

        Assert.Null(c.Command);
        Assert.Null(c.UserId);
    }

    [Fact]
    public void A_body_with_hundreds_of_fields_is_not_a_command()
    {
        var body = string.Join('&', Enumerable.Range(0, 500).Select(i => $"f{i}=x"));

        Assert.Null(SlackPayloads.ParseCommand(Encoding.ASCII.GetBytes(body)));
    }
}
