using System.Net;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class SlackOffTests
{
    [Theory]
    [InlineData("/api/slack/events")]
    [InlineData("/api/slack/interactions")]
    [InlineData("/api/slack/commands")]
    public async Task Without_a_signing_secret_and_bot_token_the_slack_urls_do_not_exist(string path)
    {
        await using var app = new BotApp();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
