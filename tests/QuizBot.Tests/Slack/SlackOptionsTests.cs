using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

public sealed class SlackOptionsTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Token = "xoxb-1111-2222-abcd";

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSlackWire();
        return builder.Build();
    }

    private static async Task<string> RefusalAsync(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return e.Message;
    }

    private static async Task<SlackOptions> StartedAsync(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        await host.StopAsync();
        return options;
    }

    [Fact]
    public async Task Without_any_Slack_settings_the_bot_starts_with_Slack_off()
    {
        var options = await StartedAsync([]);

        Assert.False(options.Enabled);
        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
    }

    [Fact]
    public async Task With_both_secrets_Slack_is_on()
    {
        var options = await StartedAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = Token });

        Assert.True(options.Enabled);
        Assert.Equal(new Uri("https://slack.com/api/chat.postMessage"), options.MethodUrl("chat.postMessage"));
    }

    [Theory]
    [InlineData("Slack:SigningSecret", "Slack:BotToken is not")]
    [InlineData("Slack:BotToken", "Slack:SigningSecret is not")]
    public async Task Half_a_configuration_refuses_to_start_and_says_what_is_missing(string only, string says)
    {
        var message = await RefusalAsync(new() { [only] = only.EndsWith("Token", StringComparison.Ordinal) ? Token : Secret });

        Assert.Contains("Slack is half-configured", message, StringComparison.Ordinal);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xoxp-1111-2222-user")]
    [InlineData("xapp-1-A111-222-app")]
    [InlineData("1111-2222")]
    public async Task A_token_that_is_not_a_bot_token_refuses_to_start(string token)
    {
        var message = await RefusalAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = token });

        Assert.Contains("must be a bot token starting with 'xoxb-'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_pasted_with_a_trailing_space_refuses_to_start()
    {
        var message = await RefusalAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = Token + " " });

        Assert.Contains("whitespace", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack.com/api/")]
    [InlineData("ftp://slack.com/api/")]
    [InlineData("http://slack.com/api/")]
    [InlineData("https://user:pw@slack.com/api/")]
    [InlineData("https://slack.com/api/?x=1")]
    public async Task An_api_base_url_that_is_not_https_refuses_to_start(string url)
    {
        var message = await RefusalAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = Token, ["Slack:ApiBaseUrl"] = url });

        Assert.Contains("Slack:ApiBaseUrl must be an absolute https URL", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/api", "http://127.0.0.1:5123/api/users.info")]
    [InlineData("https://slack.example/api/", "https://slack.example/api/users.info")]
    public async Task A_loopback_http_or_https_base_is_accepted_with_or_without_its_trailing_slash(string url, string expected)
    {
        var options = await StartedAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = Token, ["Slack:ApiBaseUrl"] = url });

        Assert.Equal(new Uri(expected), options.MethodUrl("users.info"));
    }

    [Fact]
    public async Task Client_credentials_with_a_signing_secret_turn_on_slack_for_installs_without_a_bot_token()
    {
        var options = await StartedAsync(new() { ["Slack:SigningSecret"] = Secret, ["Slack:ClientId"] = "1.2", ["Slack:ClientSecret"] = "s" });

        Assert.True(options.Enabled);
        Assert.True(options.OAuthEnabled);
        Assert.True(options.HttpEnabled);
        Assert.False(options.HasBotToken);
    }

    [Theory]
    [InlineData("Slack:ClientId", "set both Slack:ClientId and Slack:ClientSecret")]
    [InlineData("Slack:ClientSecret", "set both Slack:ClientId and Slack:ClientSecret")]
    public async Task Half_of_the_client_credentials_refuses_to_start(string only, string says)
    {
        var message = await RefusalAsync(new() { ["Slack:SigningSecret"] = Secret, [only] = "x" });

        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_credentials_without_any_way_for_slack_to_reach_the_bot_refuse_to_start()
    {
        var message = await RefusalAsync(new() { ["Slack:ClientId"] = "1.2", ["Slack:ClientSecret"] = "s" });

        Assert.Contains("Slack cannot reach the bot", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com/slack/oauth/callback")]
    [InlineData("/slack/oauth/callback")]
    public async Task A_redirect_url_that_is_not_absolute_https_refuses_to_start(string url)
    {
        var message = await RefusalAsync(new()
        {
            ["Slack:SigningSecret"] = Secret, ["Slack:ClientId"] = "1.2", ["Slack:ClientSecret"] = "s", ["Slack:RedirectUrl"] = url,
        });

        Assert.Contains("Slack:RedirectUrl must be the absolute https URL", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xoxb-1111-2222-bot")]
    [InlineData("xoxp-1111-2222-user")]
    [InlineData("1-A111-222-app")]
    public async Task An_app_token_that_is_not_an_app_level_token_refuses_to_start(string appToken)
    {
        var message = await RefusalAsync(new() { ["Slack:AppToken"] = appToken, ["Slack:BotToken"] = Token });

        Assert.Contains("Slack:AppToken must be an app-level token starting with 'xapp-'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_token_without_a_bot_token_refuses_to_start()
    {
        var message = await RefusalAsync(new() { ["Slack:AppToken"] = "xapp-1-A111-222-app" });

        Assert.Contains("Slack:AppToken is set but no bot token is", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_token_and_a_bot_token_turn_on_socket_mode_without_the_request_urls()
    {
        var options = await StartedAsync(new() { ["Slack:AppToken"] = "xapp-1-A111-222-app", ["Slack:BotToken"] = Token });

        Assert.True(options.SocketModeEnabled);
        Assert.False(options.HttpEnabled);
    }
}
