using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;

namespace QuizBot.Tests.Auth;

public sealed class BotRequestAuthenticatorTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly FakeIdentityServer _idp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TestKey _channelKey;
    private readonly TestKey _emulatorKey;
    private IHost _host = null!;

    public BotRequestAuthenticatorTests()
    {
        _channelKey = _idp.AddChannelKey("channel-1", "msteams", "webchat");
        _emulatorKey = _idp.AddEmulatorKey("entra-1");
    }

    public async Task InitializeAsync() => _host = await AuthHost.StartedAsync(AuthHost.MultiTenant(_idp), time: _time);

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _idp.DisposeAsync();
    }

    private BotRequestAuthenticator Authenticator => _host.Services.GetRequiredService<BotRequestAuthenticator>();

    private TokenSpec Channel(string audience = AuthHost.AppId, string serviceUrl = ServiceUrl, string issuer = FakeIdentityServer.ChannelIssuer) =>
        new(issuer, audience, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddMinutes(59), new() { ["serviceurl"] = serviceUrl });

    private TokenSpec Emulator(string version, string caller = AuthHost.AppId, string audience = AuthHost.AppId)
    {
        var claims = new Dictionary<string, object> { ["ver"] = version, [version == "2.0" ? "azp" : "appid"] = caller };
        var issuer = version == "2.0" ? FakeIdentityServer.EmulatorIssuerV2 : FakeIdentityServer.EmulatorIssuerV1;
        return new(issuer, audience, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddMinutes(59), claims);
    }

    private Task<BotAuthResult> AuthAsync(string? token, string channelId = "msteams", string serviceUrl = ServiceUrl, string? tenant = Tenant) =>
        Authenticator.AuthenticateAsync(token is null ? null : "Bearer " + token, channelId, serviceUrl, tenant, CancellationToken.None);

    private static void Refused(BotAuthResult result, string because)
    {
        Assert.False(result.Succeeded);
        Assert.Contains(because, result.Failure, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_valid_Teams_token_is_accepted_and_its_service_url_becomes_trusted()
    {
        var serviceUrl = "https://bot-connector.example/teams/";
        var trusted = _host.Services.GetRequiredService<TrustedServiceUrls>();
        Assert.False(trusted.IsTrusted(new Uri(serviceUrl + "v3/conversations/a/activities")));

        var result = await AuthAsync(_channelKey.Mint(Channel(serviceUrl: serviceUrl)), serviceUrl: serviceUrl);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(AuthHost.AppId, result.AppId);
        Assert.True(trusted.IsTrusted(new Uri(serviceUrl + "v3/conversations/a/activities")));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task A_Playground_token_minted_with_the_bots_own_credentials_is_accepted(string version)
    {
        var result = await AuthAsync(_emulatorKey.Mint(Emulator(version)), serviceUrl: "http://localhost:56150/_connector");
        Assert.True(result.Succeeded, result.Failure);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task A_Playground_token_minted_by_another_app_is_refused(string version)
    {
        Refused(await AuthAsync(_emulatorKey.Mint(Emulator(version, caller: "another-app"))), "not this bot's app id");
    }

    [Fact]
    public async Task A_Playground_token_of_an_unknown_version_is_refused()
    {
        Refused(await AuthAsync(_emulatorKey.Mint(Emulator("3.0"))), "version");
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        Refused(await AuthAsync(_channelKey.Mint(Channel(audience: "9d0f5c7e-0000-4000-8000-another-bot"))), "Audience");
        Refused(await AuthAsync(_emulatorKey.Mint(Emulator("1.0", caller: "other", audience: "other"))), "Audience");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        Refused(await AuthAsync(_channelKey.Mint(Channel(audience: "https://graph.microsoft.com"))), "Audience");
    }

    [Theory]
    [InlineData("https://api.botframework.com.evil.example")]
    [InlineData("https://sts.windows.net/00000000-0000-0000-0000-000000000bad/")]
    public async Task A_token_from_an_issuer_the_bot_does_not_trust_is_refused(string issuer)
    {
        Refused(await AuthAsync(_channelKey.Mint(Channel(issuer: issuer))), "issuer");
    }

    [Fact]
    public async Task A_token_signed_by_Entra_keys_but_claiming_the_channel_issuer_is_refused()
    {
        // Same kid as the channel key, but the private half of a different key: the signature cannot match.
        Refused(await AuthAsync(_emulatorKey.Mint(Channel(), kidInHeader: _channelKey.Kid)), "Signature");
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var parts = _channelKey.Mint(Channel()).Split('.');
        var other = _channelKey.Mint(Channel(audience: "someone-else")).Split('.');
        Refused(await AuthAsync($"{parts[0]}.{parts[1]}.{other[2]}"), "Signature");
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var parts = _channelKey.Mint(Channel()).Split('.');
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"channel-1"}""");
        Refused(await AuthAsync($"{header}.{parts[1]}."), "not valid");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var spec = Channel() with { NotBefore = _time.GetUtcNow().AddHours(-2), Expires = _time.GetUtcNow().AddMinutes(-6) };
        Refused(await AuthAsync(_channelKey.Mint(spec)), "expired");
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var spec = Channel() with { NotBefore = _time.GetUtcNow().AddMinutes(6), Expires = _time.GetUtcNow().AddHours(1) };
        Refused(await AuthAsync(_channelKey.Mint(spec)), "not valid before");
    }

    [Fact]
    public async Task Clocks_up_to_five_minutes_apart_are_tolerated()
    {
        var expiredJustNow = Channel() with { NotBefore = _time.GetUtcNow().AddHours(-1), Expires = _time.GetUtcNow().AddMinutes(-4) };
        var validInAMoment = Channel() with { NotBefore = _time.GetUtcNow().AddMinutes(4), Expires = _time.GetUtcNow().AddHours(1) };
        Assert.True((await AuthAsync(_channelKey.Mint(expiredJustNow))).Succeeded);
        Assert.True((await AuthAsync(_channelKey.Mint(validInAMoment))).Succeeded);
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activitys_channel_is_refused()
    {
        var slackOnly = _idp.AddChannelKey("slack-only", "slack");
        Refused(await AuthAsync(slackOnly.Mint(Channel())), "not endorsed for channel 'msteams'");
        Assert.True((await AuthAsync(_channelKey.Mint(Channel()), channelId: "webchat")).Succeeded);
    }

    [Fact]
    public async Task A_channel_token_issued_for_another_service_url_is_refused()
    {
        var token = _channelKey.Mint(Channel(serviceUrl: "https://smba.trafficmanager.net/emea/"));
        Refused(await AuthAsync(token, serviceUrl: "https://attacker.example/emea/"), "serviceurl");
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("HTTPS://SMBA.trafficmanager.net/amer/")]
    public async Task The_service_url_check_ignores_case_and_a_trailing_slash(string activityServiceUrl)
    {
        var result = await AuthAsync(_channelKey.Mint(Channel()), serviceUrl: activityServiceUrl);
        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public async Task A_channel_token_without_a_serviceurl_claim_is_refused()
    {
        var spec = Channel() with { Claims = [] };
        Refused(await AuthAsync(_channelKey.Mint(spec)), "no serviceurl claim");
    }

    [Fact]
    public async Task A_request_without_an_Authorization_header_is_refused()
    {
        Refused(await Authenticator.AuthenticateAsync(null, "msteams", ServiceUrl, Tenant, CancellationToken.None), "no Authorization header");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "not a Bearer token")]
    [InlineData("Bearer ", "not a Bearer token")]
    [InlineData("Bearer not-a-jwt", "well-formed")]
    [InlineData("Bearer a.b.c", "well-formed")]
    public async Task A_malformed_Authorization_header_is_refused(string header, string because)
    {
        Refused(await Authenticator.AuthenticateAsync(header, "msteams", ServiceUrl, Tenant, CancellationToken.None), because);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_published_later_is_accepted_once_the_keys_are_refreshed()
    {
        Assert.True((await AuthAsync(_channelKey.Mint(Channel()))).Succeeded);
        var rotated = new TestKey("channel-2", ["msteams"]);
        Refused(await AuthAsync(rotated.Mint(Channel())), "not published");
        Assert.Equal(1, _idp.ChannelKeyFetches);

        _idp.ChannelKeys[rotated.Kid] = rotated;
        // A refresh happened a moment ago: a burst of unknown kids must not make the bot hammer the issuer.
        Refused(await AuthAsync(rotated.Mint(Channel())), "not published");
        Assert.Equal(1, _idp.ChannelKeyFetches);

        _time.Advance(SigningKeySource.MinRefreshInterval);
        var result = await AuthAsync(rotated.Mint(Channel()));
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(2, _idp.ChannelKeyFetches);
    }

    [Fact]
    public async Task After_a_failed_first_fetch_of_the_keys_requests_are_accepted_within_seconds_of_the_issuer_recovering()
    {
        _idp.Down = true;
        Refused(await AuthAsync(_channelKey.Mint(Channel())), "not published");

        _idp.Down = false;
        _time.Advance(TimeSpan.FromSeconds(5));
        var result = await AuthAsync(_channelKey.Mint(Channel()));

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public async Task An_issuer_that_stays_down_is_asked_again_at_growing_intervals_not_on_every_request()
    {
        _idp.Down = true;
        for (var i = 0; i < 60; i++)
        {
            await AuthAsync(_channelKey.Mint(Channel()));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        // 5 minutes of requests every 5 s: retries after 5, 10, 20, 40, 80 s and then every 5 minutes at most.
        Assert.InRange(_idp.Fetches("/channel/.well-known/openidconfiguration"), 4, 8);
    }

    [Fact]
    public async Task A_key_withdrawn_by_the_issuer_stops_working_after_the_daily_refresh()
    {
        Assert.True((await AuthAsync(_channelKey.Mint(Channel()))).Succeeded);
        var replacement = _idp.AddChannelKey("channel-2", "msteams");
        _idp.ChannelKeys.TryRemove(_channelKey.Kid, out _);

        _time.Advance(TimeSpan.FromHours(23));
        Assert.True((await AuthAsync(_channelKey.Mint(Channel()))).Succeeded);

        _time.Advance(TimeSpan.FromHours(1));
        Refused(await AuthAsync(_channelKey.Mint(Channel())), "not published");
        Assert.True((await AuthAsync(replacement.Mint(Channel()))).Succeeded);
        Assert.Equal(2, _idp.ChannelKeyFetches);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_key_fetch()
    {
        var token = _channelKey.Mint(Channel());
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AuthAsync(token)));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure));
        Assert.Equal(1, _idp.ChannelKeyFetches);
    }
}
