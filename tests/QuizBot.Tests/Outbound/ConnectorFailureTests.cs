using QuizBot.Channels.Teams;
using QuizBot.Channels.Teams.Outbound;

namespace QuizBot.Tests.Outbound;

public sealed class ConnectorFailureTests
{
    [Theory]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(403, "BotDisabledByAdmin")]
    [InlineData(404, "ConversationNotFound")]
    public void A_conversation_the_bot_can_no_longer_post_to_is_blocked_with_the_code_as_reason(int status, string code)
    {
        var e = new ConnectorException(status, $$$"""{"error":{"code":"{{{code}}}","message":"Sorry."}}""");

        Assert.True(ConnectorFailure.IsBlocked(e, out var reason));
        Assert.Equal(code, reason);
    }

    [Theory]
    [InlineData(403, """{"error":{"code":"Forbidden","message":"The bot is not part of the conversation roster."}}""")]
    [InlineData(403, "")]
    [InlineData(404, """{"error":{"code":"ActivityNotFound","message":"Unknown activity."}}""")]
    [InlineData(404, "")]
    [InlineData(429, """{"error":{"code":"ConversationBlockedByUser","message":"x"}}""")]
    [InlineData(500, "<html>Bad gateway</html>")]
    [InlineData(400, """{"error":"ConversationBlockedByUser"}""")]
    public void Other_failures_leave_the_conversation_open(int status, string body)
    {
        Assert.False(ConnectorFailure.IsBlocked(new ConnectorException(status, body), out var reason));
        Assert.Equal("", reason);
    }

    [Fact]
    public void A_body_cut_short_by_the_client_is_still_recognised()
    {
        var cut = """{"error":{"code":"BotDisabledByAdmin","message":"The tenant admin disabled this bot and this message goes on""";

        Assert.True(ConnectorFailure.IsBlocked(new ConnectorException(403, cut), out var reason));
        Assert.Equal("BotDisabledByAdmin", reason);
    }
}
