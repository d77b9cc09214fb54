using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Entra;
using QuizBot.Tests.Dashboard.Entra.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Entra;

public sealed class TeamsTabTests : IAsyncLifetime
{
    private const string ApiAudience = "api://quizbot.example.com/" + FakeEntraServer.ClientId;
    private readonly EntraHost _host = new();

    private FakeEntraServer Entra => _host.Entra;

    public Task InitializeAsync() => _host.LinkAsync(_host.Entra.ObjectId);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> ExchangeAsync(string token)
    {
        using var client = _host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/tab/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(ApiAudience)]
    [InlineData(FakeEntraServer.ClientId)]
    public async Task A_Teams_SSO_token_opens_a_partitioned_session_and_names_the_dashboard(string audience)
    {
        using var response = await ExchangeAsync(Entra.AccessToken(audience));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/dashboard", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["location"]);
        Assert.Equal(("msteams:29:ann", "Ann"), (_host.Session(response)?.UserKey, _host.Session(response)?.Name));
        var cookie = EntraHost.SetCookie(response, DashboardSessions.CookieName)!.ToLowerInvariant();
        Assert.Contains("samesite=none", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("partitioned", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another audience")]
    [InlineData("another tenant's issuer")]
    [InlineData("a tenant not allowed")]
    [InlineData("expired on the service's clock")]
    [InlineData("forged signature")]
    [InlineData("no access_as_user scope")]
    [InlineData("not linked")]
    [InlineData("not a token")]
    public async Task A_token_that_fails_a_check_is_refused_with_401_and_no_cookie(string flaw)
    {
        var token = flaw switch
        {
            "another audience" => Entra.AccessToken("api://quizbot.example.com/another-app"),
            "another tenant's issuer" => Entra.AccessToken(ApiAudience, c => c["tid"] = FakeEntraServer.TenantId, tenant: FakeEntraServer.OtherTenantId),
            "a tenant not allowed" => Entra.AccessToken(ApiAudience, tenant: FakeEntraServer.OtherTenantId),
            "forged signature" => Entra.AccessToken(ApiAudience, key: Entra.Forger),
            "no access_as_user scope" => Entra.AccessToken(ApiAudience, c => c["scp"] = "User.Read"),
            "not linked" => Entra.AccessToken(ApiAudience, c => c["oid"] = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
            "not a token" => "not-a-jwt",
            _ => Entra.AccessToken(ApiAudience, lifetime: TimeSpan.FromHours(1)),
        };
        if (flaw == "expired on the service's clock")
        {
            // Valid by the wall clock; the service's own clock says it expired: the check must use TimeProvider.
            _host.Time.Advance(TimeSpan.FromHours(2));
        }

        using var response = await ExchangeAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(EntraHost.SetCookie(response, DashboardSessions.CookieName));
        Assert.Null((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["location"]);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_Entra_published_since_the_last_fetch_makes_the_keys_refresh()
    {
        using (var first = await ExchangeAsync(Entra.AccessToken(ApiAudience)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var rolled = new Auth.Support.TestKey("entra-key-2", []);
        Entra.Published.Add(rolled);
        var token = Entra.AccessToken(ApiAudience, key: rolled);

        // The unknown key id asks for the keys again, in the background: the tab's next try passes.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50 && statuses.LastOrDefault() != HttpStatusCode.OK; i++)
        {
            using var response = await ExchangeAsync(token);
            statuses.Add(response.StatusCode);
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    public async Task A_person_not_linked_is_told_how_to_link()
    {
        using var response = await ExchangeAsync(Entra.AccessToken(ApiAudience, c => c["oid"] = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));

        Assert.Equal(EntraPages.NotLinked, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task The_tab_page_may_be_framed_only_by_Teams_and_runs_only_scripts_from_the_app()
    {
        using var client = _host.Client();

        using var page = await client.GetAsync(new Uri("/dashboard/tab", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com", csp);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("data-session=\"/dashboard/tab/session\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://quizbot.example.com/dashboard\"", html, StringComparison.Ordinal);

        using var script = await client.GetAsync(new Uri("/dashboard/tab/tab.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var js = await script.Content.ReadAsStringAsync();
        Assert.Contains("microsoftTeams.authentication.getAuthToken()", js, StringComparison.Ordinal);
        Assert.Contains("microsoftTeams.app.initialize()", js, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_bundle_the_page_loads_teams_js_from_the_app_and_without_it_offers_the_browser_link()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "dashboard", "tab"));
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "dashboard", "tab", "teams-js.min.js"), "/* the teams-js bundle */");
        await using var bundled = new EntraHost(services: s => s.AddSingleton(new TeamsJsBundle(new PhysicalFileProvider(dir.Path))));
        await using var bare = new EntraHost(services: s => s.AddSingleton(new TeamsJsBundle(new NullFileProvider())));
        using var withClient = bundled.Client();
        using var withoutClient = bare.Client();

        var with = await withClient.GetStringAsync(new Uri("/dashboard/tab", UriKind.Relative));
        var without = await withoutClient.GetStringAsync(new Uri("/dashboard/tab", UriKind.Relative));
        using var served = await withClient.GetAsync(new Uri("/dashboard/tab/teams-js.min.js", UriKind.Relative));
        using var missing = await withoutClient.GetAsync(new Uri("/dashboard/tab/teams-js.min.js", UriKind.Relative));

        Assert.Contains("<script src=\"/dashboard/tab/teams-js.min.js\" defer></script><script src=\"/dashboard/tab/tab.js\" defer></script>", with, StringComparison.Ordinal);
        Assert.Equal("/* the teams-js bundle */", await served.Content.ReadAsStringAsync());
        Assert.DoesNotContain("<script", without, StringComparison.Ordinal);
        Assert.Contains("Open the dashboard in your browser", without, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Without_a_client_id_there_is_no_tab_and_no_Entra_sign_in()
    {
        await using var app = new BotApp(new() { ["QuizBot:Dashboard:PublicBaseUrl"] = EntraHost.Site });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/dashboard/tab", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/dashboard/signin/entra", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(new Uri("/dashboard/tab/session", UriKind.Relative), null)).StatusCode);
    }
}
