using System.Net;
using System.Web;
using QuizBot.Dashboard;
using QuizBot.Tests.Dashboard.Entra.Support;

namespace QuizBot.Tests.Dashboard.Entra;

public sealed class EntraSignInTests : IAsyncLifetime
{
    private readonly EntraHost _host = new();

    private FakeEntraServer Entra => _host.Entra;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sign_in_sends_the_browser_to_the_tenants_authorize_endpoint_with_a_code_flow_request()
    {
        using var client = _host.Client();

        var callback = await _host.SignInAtEntraAsync(client);

        var query = HttpUtility.ParseQueryString(callback.Authorize.Query);
        Assert.Equal($"{Entra.BaseUrl}/{FakeEntraServer.TenantId}/oauth2/v2.0/authorize", callback.Authorize.GetLeftPart(UriPartial.Path));
        Assert.Equal(FakeEntraServer.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("form_post", query["response_mode"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        // The public address registered in Entra ID, not the host the request happened to reach.
        Assert.Equal(EntraHost.Site + "/dashboard/signin/entra/callback", query["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_linked_person_gets_a_session_for_their_chat_key_and_conversations_and_lands_on_the_dashboard(bool byQuery)
    {
        await _host.LinkAsync(Entra.ObjectId, "msteams:19:team-a");
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.LinkAsync(Entra.ObjectId, "msteams:19:team-b", "Ann Example");
        using var client = _host.Client();

        using var response = await EntraHost.ReturnAsync(client, await _host.SignInAtEntraAsync(client), byQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
        var viewer = _host.Session(response);
        Assert.NotNull(viewer);
        Assert.Equal(("msteams:29:ann", "Ann Example"), (viewer.UserKey, viewer.Name));
        Assert.Equal(["msteams:19:team-b", "msteams:19:team-a"], viewer.Conversations);
        // The session is the only cookie kept: the handler's correlation and nonce cookies are deleted, none is added.
        Assert.Equal([DashboardSessions.CookieName], EntraHost.Cookies(response).Keys);
        Assert.Contains("samesite=lax", EntraHost.SetCookie(response, DashboardSessions.CookieName)!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_person_not_linked_yet_is_told_to_type_dashboard_in_Teams_and_gets_no_session()
    {
        using var client = _host.Client();

        using var response = await EntraHost.ReturnAsync(client, await _host.SignInAtEntraAsync(client));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Type `dashboard` to QuizBot in Teams once, then sign in again.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(EntraHost.SetCookie(response, DashboardSessions.CookieName));
    }

    [Theory]
    [InlineData("another tenant")]
    [InlineData("another tenant's issuer")]
    [InlineData("wrong nonce")]
    [InlineData("forged signature")]
    [InlineData("expired")]
    [InlineData("another audience")]
    public async Task An_id_token_that_fails_a_check_opens_no_session(string flaw)
    {
        await _host.LinkAsync(Entra.ObjectId);
        Entra.IdToken = (claims, spec) =>
        {
            switch (flaw)
            {
                case "another tenant":
                    claims["tid"] = FakeEntraServer.OtherTenantId;
                    return (spec with { Issuer = Entra.Issuer(FakeEntraServer.OtherTenantId) }, Entra.Key);
                case "another tenant's issuer":
                    return (spec with { Issuer = Entra.Issuer(FakeEntraServer.OtherTenantId) }, Entra.Key);
                case "wrong nonce":
                    claims["nonce"] = "a-nonce-this-browser-never-had";
                    return (spec, Entra.Key);
                case "forged signature":
                    return (spec, Entra.Forger);
                case "expired":
                    return (spec with { NotBefore = spec.NotBefore.AddHours(-3), Expires = spec.NotBefore.AddHours(-2) }, Entra.Key);
                default:
                    return (spec with { Audience = "some-other-app" }, Entra.Key);
            }
        };
        using var client = _host.Client();

        using var response = await EntraHost.ReturnAsync(client, await _host.SignInAtEntraAsync(client));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Sign-in failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(EntraHost.SetCookie(response, DashboardSessions.CookieName));
        Assert.Equal(1, Entra.Redemptions);
    }

    [Fact]
    public async Task A_tampered_state_or_a_missing_correlation_cookie_is_refused_before_the_code_is_redeemed()
    {
        await _host.LinkAsync(Entra.ObjectId);
        using var client = _host.Client();
        var callback = await _host.SignInAtEntraAsync(client);

        using var tampered = await EntraHost.ReturnAsync(client, callback with { State = callback.State[..^4] + "AAAA" });
        using var noCookies = await EntraHost.ReturnAsync(client, callback with { Cookies = [] });

        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noCookies.StatusCode);
        Assert.Null(EntraHost.SetCookie(tampered, DashboardSessions.CookieName));
        Assert.Null(EntraHost.SetCookie(noCookies, DashboardSessions.CookieName));
        Assert.Equal(0, Entra.Redemptions);
    }

    [Fact]
    public async Task A_code_is_redeemed_once_so_a_replayed_callback_opens_no_second_session()
    {
        await _host.LinkAsync(Entra.ObjectId);
        using var client = _host.Client();
        var callback = await _host.SignInAtEntraAsync(client);

        using var first = await EntraHost.ReturnAsync(client, callback);
        using var replay = await EntraHost.ReturnAsync(client, callback);

        Assert.NotNull(_host.Session(first));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Null(EntraHost.SetCookie(replay, DashboardSessions.CookieName));
    }

    [Fact]
    public async Task With_organizations_a_person_from_an_allowed_tenant_signs_in_and_another_tenant_is_refused()
    {
        await using var host = new EntraHost(new()
        {
            ["QuizBot:Dashboard:Entra:TenantId"] = "organizations",
            ["QuizBot:Dashboard:Entra:AllowedTenants:0"] = FakeEntraServer.TenantId,
        });
        await host.LinkAsync(host.Entra.ObjectId);
        using var client = host.Client();

        var callback = await host.SignInAtEntraAsync(client);
        using var allowed = await EntraHost.ReturnAsync(client, callback);
        host.Entra.IdToken = (claims, spec) =>
        {
            claims["tid"] = FakeEntraServer.OtherTenantId;
            return (spec with { Issuer = host.Entra.Issuer(FakeEntraServer.OtherTenantId) }, host.Entra.Key);
        };
        using var other = await EntraHost.ReturnAsync(client, await host.SignInAtEntraAsync(client));

        Assert.StartsWith($"{host.Entra.BaseUrl}/organizations/oauth2/v2.0/authorize", callback.Authorize.ToString(), StringComparison.Ordinal);
        Assert.Equal("msteams:29:ann", host.Session(allowed)?.UserKey);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Null(EntraHost.SetCookie(other, DashboardSessions.CookieName));
    }
}
