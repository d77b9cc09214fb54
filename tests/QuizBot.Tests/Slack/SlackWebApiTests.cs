using System.Text.Json.Nodes;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class SlackWebApiTests : SlackWireTests
{
    private static JsonArray Blocks(string text) =>
        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } }];

    [Fact]
    public async Task A_post_sends_json_with_the_bot_token_and_returns_the_ts_Slack_assigned()
    {
        var ts = await Api.PostMessageAsync("T1", "C1", "Question 1", Blocks("*Which planet is largest?*"), CancellationToken.None);

        var call = await Slack.NextAsync("chat.postMessage");
        Assert.Equal("1700000000.000100", ts);
        Assert.Equal("Bearer " + SlackStandIn.DefaultToken, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal(("C1", "Question 1"), (call["channel"], call["text"]));
        Assert.Equal("*Which planet is largest?*", call.Body["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_post_gets_a_later_ts_and_an_update_changes_that_message_in_place()
    {
        var first = await Api.PostMessageAsync("T1", "C1", "Question 1", null, CancellationToken.None);
        var second = await Api.PostMessageAsync("T1", "C1", "Question 2", null, CancellationToken.None);

        await Api.UpdateAsync("T1", "C1", first, "Question 1 (closed)", Blocks("Closed: 12 answers"), CancellationToken.None);

        Assert.True(string.CompareOrdinal(second, first) > 0);
        var message = Slack.Message("C1", first)!;
        Assert.Equal("Question 1 (closed)", message["text"]!.GetValue<string>());
        Assert.Equal("Closed: 12 answers", message["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_blocks_can_be_sent_twice()
    {
        var blocks = Blocks("shared");

        await Api.PostMessageAsync("T1", "C1", "a", blocks, CancellationToken.None);
        await Api.PostMessageAsync("T1", "C2", "b", blocks, CancellationToken.None);

        Assert.Null(blocks.Parent);
        Assert.Equal(2, Slack.CallsTo("chat.postMessage").Count(c => c.Body["blocks"] is JsonArray { Count: 1 }));
    }

    [Fact]
    public async Task Ok_false_becomes_a_SlackApiException_carrying_Slacks_error()
    {
        Slack.FailChannel("C-gone", "channel_not_found");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync("T1", "C-gone", "Question 1", null, CancellationToken.None));

        Assert.Equal(("chat.postMessage", "channel_not_found", 200), (e.Method, e.Error, e.Status));
        Assert.True(e.IsConversationGone);
    }

    [Fact]
    public async Task Updating_a_message_that_does_not_exist_is_message_not_found_which_is_not_a_gone_conversation()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Api.UpdateAsync("T1", "C1", "1600000000.000100", "x", null, CancellationToken.None));

        Assert.Equal("message_not_found", e.Error);
        Assert.False(e.IsConversationGone);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_invalid_auth()
    {
        await using var wrong = new SlackWireHost(Slack, Time, token: "xoxb-someone-elses");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => wrong.Api.CallAsync("T1", "auth.test", [], null, CancellationToken.None));

        Assert.Equal("invalid_auth", e.Error);
        Assert.False(SlackWebApi.IsConversationGone(e.Error));
    }

    [Fact]
    public async Task Any_method_goes_through_CallAsync_and_returns_Slacks_whole_answer()
    {
        var answer = await Api.CallAsync("T1", "auth.test", [], null, CancellationToken.None);

        Assert.Equal((Slack.TeamId, Slack.BotUserId), (answer["team_id"]!.GetValue<string>(), answer["user_id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("../oauth.v2.access")]
    [InlineData("chat.postMessage?token=x")]
    [InlineData("")]
    public async Task A_method_name_that_could_change_the_path_is_refused_before_any_call(string method)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Api.CallAsync("T1", method, [], null, CancellationToken.None));
        Assert.Empty(Slack.Calls);
    }

    [Fact]
    public async Task An_ephemeral_goes_to_one_person_and_returns_its_message_ts()
    {
        var ts = await Api.PostEphemeralAsync("T1", "C1", "U1", "Correct!", null, CancellationToken.None);

        var call = await Slack.NextAsync("chat.postEphemeral");
        Assert.NotNull(ts);
        Assert.Equal(("C1", "U1", "Correct!"), (call["channel"], call["user"], call["text"]));
    }

    [Fact]
    public async Task The_home_tab_is_published_for_the_person_and_a_dm_is_opened_with_them()
    {
        var view = new JsonObject { ["type"] = "home", ["blocks"] = Blocks("Your score: 7") };

        await Api.ViewsPublishAsync("T1", "U1", view, CancellationToken.None);
        var dm = await Api.ConversationsOpenAsync("T1", "U1", CancellationToken.None);

        Assert.Equal("Your score: 7", Slack.HomeView("U1")!["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.StartsWith("D", dm, StringComparison.Ordinal);
        Assert.Equal(dm, await Api.ConversationsOpenAsync("T1", "U1", CancellationToken.None));
    }

    [Fact]
    public async Task Users_info_gives_the_display_name_and_roles_and_is_asked_once_per_ten_minutes()
    {
        Slack.AddUser("U1", "Ada Lovelace", displayName: "ada", isAdmin: true);
        Slack.AddUser("U2", "Grace Hopper", isOwner: true);

        var ada = await Api.UsersInfoAsync("T1", "U1", CancellationToken.None);
        var grace = await Api.UsersInfoAsync("T1", "U2", CancellationToken.None);
        await Api.UsersInfoAsync("T1", "U1", CancellationToken.None);
        Time.Advance(SlackUserCache.Lifetime - TimeSpan.FromSeconds(1));
        await Api.UsersInfoAsync("T1", "U1", CancellationToken.None);
        Assert.Equal(2, Slack.CallsTo("users.info").Count);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Api.UsersInfoAsync("T1", "U1", CancellationToken.None);

        Assert.Equal(new SlackUserInfo("U1", "ada", IsAdmin: true, IsOwner: false), ada);
        Assert.Equal(new SlackUserInfo("U2", "Grace Hopper", IsAdmin: true, IsOwner: true), grace);
        Assert.Equal(3, Slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task An_unknown_user_is_user_not_found_and_is_not_cached()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Api.UsersInfoAsync("T1", "U404", CancellationToken.None));
        Slack.AddUser("U404", "Late Joiner");

        Assert.Equal("user_not_found", e.Error);
        Assert.Equal("Late Joiner", (await Api.UsersInfoAsync("T1", "U404", CancellationToken.None)).Name);
    }

    [Theory]
    [InlineData("channel_not_found", true)]
    [InlineData("not_in_channel", true)]
    [InlineData("is_archived", true)]
    [InlineData("is_inactive", true)]
    [InlineData("account_inactive", true)]
    [InlineData("token_revoked", true)]
    [InlineData("invalid_auth", false)]
    [InlineData("not_authed", false)]
    [InlineData("ratelimited", false)]
    [InlineData("message_not_found", false)]
    [InlineData("user_not_in_channel", false)]
    [InlineData("missing_scope", false)]
    public void Only_errors_that_close_the_conversation_for_good_count_as_gone(string error, bool gone)
    {
        Assert.Equal(gone, SlackWebApi.IsConversationGone(error));
    }
}
