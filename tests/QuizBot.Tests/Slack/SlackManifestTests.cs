using System.Text.Json.Nodes;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The app manifest a workspace admin pastes into api.slack.com must ask for what the code uses and subscribe to what
// it handles: a scope missing there fails only in production, with missing_scope.
public sealed class SlackManifestTests
{
    private static readonly JsonObject Manifest =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "deploy", "slack", "manifest.json")))!.AsObject();

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_the_install_link_requests()
    {
        var scopes = Manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(SlackInstallEndpoints.BotScopes.Order(StringComparer.Ordinal), scopes);
    }

    [Fact]
    public void The_manifest_subscribes_to_every_event_the_bot_handles_and_turns_on_home_and_the_oauth_callback()
    {
        var events = Manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        Assert.Equal(["app_home_opened", "app_mention", "app_uninstalled", "message.im", "tokens_revoked"], events.Order(StringComparer.Ordinal));
        Assert.True(Manifest["features"]!["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
        Assert.Contains(Manifest["oauth_config"]!["redirect_urls"]!.AsArray(), u => u!.GetValue<string>().EndsWith(SlackInstallEndpoints.CallbackPath, StringComparison.Ordinal));
    }
}
