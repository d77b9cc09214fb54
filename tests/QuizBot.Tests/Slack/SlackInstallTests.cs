using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;
using QuizBot.Quizzes.Rounds;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Installing into many workspaces with OAuth v2, tokens kept encrypted, and uninstalling: against the Slack stand-in's
// authorize page and oauth.v2.access.
[Trait("Category", "External")]
public sealed class SlackInstallTests
{
    private const string AcmeToken = "xoxb-acme-0001";

    // The browser's way through: QuizBot's install link, Slack's authorize page (approving at once), back to QuizBot.
    internal static async Task<(HttpResponseMessage Page, Uri Callback, string Cookie)> InstallAsync(QuizBot.Tests.Support.BotApp bot)
    {
        var (callback, cookie) = await AuthorizeAsync(bot);
        return (await CallbackAsync(bot, callback, cookie), callback, cookie);
    }

    // The install link and Slack's approval: where Slack sends the browser back, and the cookie QuizBot set.
    private static async Task<(Uri Callback, string Cookie)> AuthorizeAsync(QuizBot.Tests.Support.BotApp bot)
    {
        using var client = bot.CreateClient(new() { AllowAutoRedirect = false });
        using var install = await client.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var cookie = install.Headers.GetValues("Set-Cookie").Single();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await browser.GetAsync(install.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        return (approved.Headers.Location!, cookie);
    }

    internal static async Task<HttpResponseMessage> CallbackAsync(QuizBot.Tests.Support.BotApp bot, Uri callback, string? cookie)
    {
        using var client = bot.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(callback.IsAbsoluteUri ? callback.PathAndQuery : callback.OriginalString, UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task The_install_link_sends_the_browser_to_slack_with_the_scopes_and_a_state_bound_to_it()
    {
        await using var app = new SlackApp(settings: OAuthSettings());
        using var client = app.Bot.CreateClient(new() { AllowAutoRedirect = false });

        using var install = await client.GetAsync(new Uri("/slack/install", UriKind.Relative));

        var location = install.Headers.Location!;
        Assert.StartsWith(app.Slack.AuthorizeUrl + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(SlackStandIn.ClientId, query["client_id"]);
        Assert.Equal(string.Join(',', SlackInstallEndpoints.BotScopes), query["scope"]);
        Assert.Equal("http://localhost/slack/oauth/callback", query["redirect_uri"]);
        Assert.True(query["state"].ToString().Length > 40);
        var cookie = install.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/slack/oauth/callback", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", install.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_installed_workspace_gets_answers_with_its_own_token_which_is_stored_encrypted()
    {
        await using var app = new SlackApp(settings: OAuthSettings());
        app.Slack.ApproveAs("T0ACME", "Acme <b>Corp</b>", AcmeToken);

        var (page, _, _) = await InstallAsync(app.Bot);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("QuizBot is installed", html, StringComparison.Ordinal);
        Assert.Contains("Acme &lt;b&gt;Corp&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("/quiz help", html, StringComparison.Ordinal);
        var stored = await app.Bot.Get<IInstallStore>().GetInstallAsync("slack", "T0ACME", default);
        Assert.NotNull(stored?.ProtectedToken);
        Assert.DoesNotContain("acme", stored.ProtectedToken, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.Bot.DataDir, "keys"), "*.xml"));

        await app.SendAsync(app.Sender.Event("/api/slack/events",
            SlackEvents.Callback(SlackEvents.MessageIm("U0BOB", SlackApp.Dm, "quiz"), "Ev-acme-1", teamId: "T0ACME")));

        var posted = await app.Slack.NextAsync("chat.postMessage");
        Assert.Equal("Bearer " + AcmeToken, posted.Authorization);
    }

    [Fact]
    public async Task A_forged_a_replayed_or_another_browsers_state_is_refused_and_nothing_is_installed()
    {
        await using var app = new SlackApp(settings: OAuthSettings());
        app.Slack.ApproveAs("T0ACME", "Acme", AcmeToken);
        var (first, callback, cookie) = await InstallAsync(app.Bot);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var replayed = await CallbackAsync(app.Bot, callback, cookie);
        var forged = await CallbackAsync(app.Bot, new Uri("/slack/oauth/callback?code=code-1&state=CfDJ8forged", UriKind.Relative), cookie);
        app.Slack.ApproveAs("T0EVIL", "Evil", "xoxb-evil-0001");
        var otherBrowser = await CallbackAsync(app.Bot, (await AuthorizeAsync(app.Bot)).Callback, cookie: null);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("not issued by this QuizBot", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherBrowser.StatusCode);
        Assert.Contains("another browser", await otherBrowser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.Slack.CallsTo("oauth.v2.access"));
        Assert.Null(await app.Bot.Get<IInstallStore>().GetInstallAsync("slack", "T0EVIL", default));
    }

    [Fact]
    public async Task An_install_link_older_than_ten_minutes_is_refused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var app = new SlackApp(time, OAuthSettings());
        var (callback, cookie) = await AuthorizeAsync(app.Bot);

        time.Advance(TimeSpan.FromMinutes(11));
        var late = await CallbackAsync(app.Bot, callback, cookie);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Slack.CallsTo("oauth.v2.access"));
    }

    [Theory]
    [InlineData("invalid_code")]
    [InlineData("bad_client_secret")]
    public async Task An_oauth_access_error_is_shown_and_nothing_is_installed(string error)
    {
        await using var app = new SlackApp(settings: OAuthSettings());
        app.Slack.ApproveAs("T0ACME", "Acme", AcmeToken);
        app.Slack.FailAccess(error);

        var (page, _, _) = await InstallAsync(app.Bot);

        Assert.Equal(HttpStatusCode.BadGateway, page.StatusCode);
        Assert.Contains(error, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.Bot.Get<IInstallStore>().GetInstallAsync("slack", "T0ACME", default));
    }

    [Fact]
    public async Task Uninstalling_mid_round_stops_every_post_there_at_once_and_after_a_restart_and_loses_no_answer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        using var data = new TempDir();
        var settings = OAuthSettings();
        settings["Storage:Sqlite:Path"] = data.File("quizbot.db");
        const string token = "xoxb-standin-oauth";
        string postId;
        await using (var app = new SlackApp(time, settings))
        {
            app.Slack.ApproveAs(SlackEvents.TeamId, "Stand-in", token);
            Assert.Equal(HttpStatusCode.OK, (await InstallAsync(app.Bot)).Page.StatusCode);
            await app.CommandAsync("U0ALICE", "schedule daily 23:00 UTC window 2h");
            await app.Slack.NextAsync("response_url");
            await app.CommandAsync("U0ALICE", "post now");
            var posted = await app.Slack.NextAsync("chat.postMessage");
            Assert.Equal("Bearer " + token, posted.Authorization);
            var button = SlackApp.Buttons(posted)[0];
            postId = JsonNode.Parse(button["value"]!.GetValue<string>())!["p"]!.GetValue<string>();
            await WaitPostedAsync(app, postId);
            await app.ClickAsync("U0BOB", SlackApp.Room, posted.ResponseId!, button);
            await app.Slack.NextAsync("response_url");

            // The workspace removes the app: Slack revokes the token and tells the bot.
            app.Slack.Revoke(token);
            var uninstalled = await app.SendAsync(app.Sender.Event("/api/slack/events", SlackEvents.Callback(
                new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1700000100.000100" }, "Ev-uninstall")));
            Assert.Equal(HttpStatusCode.OK, uninstalled.StatusCode);
            var before = app.Slack.Calls.Count;

            // The count flush and the close run, the closing card is not sent; the next day's slot posts nothing.
            await app.Bot.Get<RoundScheduler>().TickAsync(default);
            time.Advance(TimeSpan.FromHours(3));
            await app.Bot.Get<RoundScheduler>().TickAsync(default);
            time.Advance(TimeSpan.FromDays(1));
            await app.Bot.Get<RoundScheduler>().TickAsync(default);

            Assert.DoesNotContain(app.Slack.Calls.Skip(before), c => c.Method.StartsWith("chat.", StringComparison.Ordinal));
            Assert.Equal(PostState.Closed, (await app.Bot.Get<IRoundStore>().GetPostAsync(postId, default))?.State);
            var board = await app.Bot.Get<IBoardStore>().GetBoardAsync($"slack:{SlackEvents.TeamId}:{SlackApp.Room}", Periods.All, 10, "", default);
            Assert.Equal(1, board.Members);
        }

        // After a restart, with a single-workspace token configured as well: the workspace stays uninstalled.
        settings["Slack:BotToken"] = SlackStandIn.DefaultToken;
        settings["Slack:SigningSecret"] = SlackSender.DefaultSecret;
        await using (var again = new SlackApp(time, settings))
        {
            time.Advance(TimeSpan.FromDays(1));
            await again.Bot.Get<RoundScheduler>().TickAsync(default);
            await again.DirectMessageAsync("U0BOB", "quiz");
            await again.Bot.Get<RoundScheduler>().TickAsync(default);

            Assert.DoesNotContain(again.Slack.Calls, c => c.Method.StartsWith("chat.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Revoking_only_peoples_user_tokens_leaves_the_bot_installed()
    {
        await using var app = new SlackApp(settings: OAuthSettings());
        app.Slack.ApproveAs(SlackEvents.TeamId, "Stand-in", AcmeToken);
        await InstallAsync(app.Bot);

        await app.SendAsync(app.Sender.Event("/api/slack/events", SlackEvents.Callback(new JsonObject
        {
            ["type"] = "tokens_revoked",
            ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U0BOB") },
        }, "Ev-revoke-user")));
        await app.DirectMessageAsync("U0BOB", "quiz");

        Assert.Equal("Bearer " + AcmeToken, (await app.Slack.NextAsync("chat.postMessage")).Authorization);

        await app.SendAsync(app.Sender.Event("/api/slack/events", SlackEvents.Callback(new JsonObject
        {
            ["type"] = "tokens_revoked",
            ["tokens"] = new JsonObject { ["bot"] = new JsonArray("U0QUIZBOT") },
        }, "Ev-revoke-bot")));
        Assert.NotNull((await app.Bot.Get<IInstallStore>().GetInstallAsync("slack", SlackEvents.TeamId, default))?.RevokedAt);
    }

    private static async Task WaitPostedAsync(SlackApp app, string postId)
    {
        var rounds = app.Bot.Get<IRoundStore>();
        for (var i = 0; i < 100 && (await rounds.GetPostAsync(postId, default))?.State != PostState.Posted; i++)
        {
            await Task.Delay(20);
        }
    }

    // Many workspaces: no single-workspace token, the app's client credentials instead.
    internal static Dictionary<string, string?> OAuthSettings() => new()
    {
        ["Slack:BotToken"] = null,
        ["Slack:ClientId"] = SlackStandIn.ClientId,
        ["Slack:ClientSecret"] = SlackStandIn.ClientSecret,
    };
}
