using System.Text.Json.Nodes;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class ResponseUrlTests : IAsyncLifetime
{
    private readonly SlackStandIn _slack = new();
    private readonly SlackWireHost _host;

    public ResponseUrlTests() => _host = new SlackWireHost(_slack);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static JsonObject Ephemeral(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = false,
        ["text"] = text,
    };

    [Fact]
    public async Task A_reply_through_response_url_carries_the_message_and_no_bot_token()
    {
        var url = _slack.ResponseUrl();

        await _host.Api.RespondAsync(url, Ephemeral("Correct! 3 points."), CancellationToken.None);

        var call = await _slack.NextAsync("response_url");
        Assert.Equal(url.Segments[^1], call.ResponseId);
        Assert.Equal(("ephemeral", "Correct! 3 points."), (call["response_type"], call["text"]));
        Assert.Empty(call.Authorization);
    }

    [Fact]
    public async Task A_response_url_takes_five_replies_and_the_sixth_fails_with_used_url()
    {
        var url = _slack.ResponseUrl();
        for (var i = 0; i < SlackStandIn.ResponseUrlUses; i++)
        {
            await _host.Api.RespondAsync(url, Ephemeral($"reply {i}"), CancellationToken.None);
        }

        var e = await Assert.ThrowsAsync<SlackApiException>(() => _host.Api.RespondAsync(url, Ephemeral("one too many"), CancellationToken.None));

        Assert.Equal(("response_url", "used_url", 404), (e.Method, e.Error, e.Status));
    }

    [Theory]
    [InlineData("https://evil.example/actions/T1/1/x")]
    [InlineData("http://hooks.slack.com/actions/T1/1/x")]
    [InlineData("https://hooks.slack.com:8443/actions/T1/1/x")]
    [InlineData("https://hooks.slack.com.evil.example/actions/T1/1/x")]
    [InlineData("https://user@hooks.slack.com/actions/T1/1/x")]
    public async Task A_response_url_anywhere_but_Slacks_hooks_host_is_refused_without_a_request(string url)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Api.RespondAsync(new Uri(url), Ephemeral("x"), CancellationToken.None));

        Assert.Empty(_slack.Calls);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/actions/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", true)]
    [InlineData("https://HOOKS.SLACK.COM/commands/T1/2/y", true)]
    [InlineData("https://slack.com/api/chat.postMessage", false)]
    [InlineData("https://hooks.slack.com.evil.example/x", false)]
    public void Only_Slacks_hooks_host_and_the_configured_api_host_are_allowed(string url, bool allowed)
    {
        Assert.Equal(allowed, _host.Api.IsAllowedResponseUrl(new Uri(url)));
        Assert.True(_host.Api.IsAllowedResponseUrl(_slack.ResponseUrl()));
    }
}
