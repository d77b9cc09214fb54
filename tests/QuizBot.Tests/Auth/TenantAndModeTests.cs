using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;

namespace QuizBot.Tests.Auth;

public sealed class TenantAndModeTests : IAsyncDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string Allowed = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly FakeIdentityServer _idp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _idp.DisposeAsync();

    private string ChannelToken(TestKey key) => key.Mint(new(FakeIdentityServer.ChannelIssuer, AuthHost.AppId,
        _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddMinutes(30), new() { ["serviceurl"] = ServiceUrl }));

    [Fact]
    public async Task Only_tenants_on_the_allow_list_get_through()
    {
        var key = _idp.AddChannelKey("k1", "msteams");
        var settings = AuthHost.MultiTenant(_idp);
        settings["QuizBot:AllowedTenants:0"] = Allowed;
        using var host = await AuthHost.StartedAsync(settings, time: _time);
        var auth = host.Services.GetRequiredService<BotRequestAuthenticator>();
        var header = "Bearer " + ChannelToken(key);

        Assert.True((await auth.AuthenticateAsync(header, "msteams", ServiceUrl, Allowed.ToUpperInvariant(), default)).Succeeded);
        var other = await auth.AuthenticateAsync(header, "msteams", ServiceUrl, "11111111-2222-3333-4444-555555555555", default);
        Assert.False(other.Succeeded);
        Assert.Contains("AllowedTenants", other.Failure, StringComparison.Ordinal);
        Assert.False((await auth.AuthenticateAsync(header, "msteams", ServiceUrl, null, default)).Succeeded);
    }

    [Fact]
    public async Task A_refused_tenant_does_not_make_its_service_url_trusted()
    {
        var key = _idp.AddChannelKey("k1", "msteams");
        var settings = AuthHost.MultiTenant(_idp);
        settings["QuizBot:AllowedTenants"] = Allowed;
        using var host = await AuthHost.StartedAsync(settings, time: _time);
        var serviceUrl = "https://connector.example/x/";
        var token = key.Mint(new(FakeIdentityServer.ChannelIssuer, AuthHost.AppId, _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(30),
            new() { ["serviceurl"] = serviceUrl }));

        var result = await host.Services.GetRequiredService<BotRequestAuthenticator>()
            .AuthenticateAsync("Bearer " + token, "msteams", serviceUrl, "another-tenant", default);

        Assert.False(result.Succeeded);
        Assert.False(host.Services.GetRequiredService<TrustedServiceUrls>().IsTrusted(new Uri(serviceUrl)));
    }

    [Fact]
    public async Task With_no_app_id_in_Development_authentication_is_off()
    {
        using var host = await AuthHost.StartedAsync([], environment: "Development", time: _time);
        var result = await host.Services.GetRequiredService<BotRequestAuthenticator>()
            .AuthenticateAsync(null, "msteams", "http://localhost:56150/_connector", null, default);
        Assert.True(result.Succeeded);
        Assert.Null(result.AppId);
    }

    [Fact]
    public async Task A_single_tenant_bot_accepts_Entra_tokens_from_its_own_tenant()
    {
        var key = _idp.AddEmulatorKey("e1");
        var settings = AuthHost.MultiTenant(_idp);
        settings["MicrosoftAppType"] = "SingleTenant";
        settings["MicrosoftAppTenantId"] = Allowed;
        using var host = await AuthHost.StartedAsync(settings, time: _time);
        var token = key.Mint(new($"https://login.microsoftonline.com/{Allowed}/v2.0", AuthHost.AppId, _time.GetUtcNow(),
            _time.GetUtcNow().AddMinutes(30), new() { ["ver"] = "2.0", ["azp"] = AuthHost.AppId }));

        var result = await host.Services.GetRequiredService<BotRequestAuthenticator>()
            .AuthenticateAsync("Bearer " + token, "msteams", "http://localhost:56150/_connector", Allowed, default);

        Assert.True(result.Succeeded, result.Failure);
    }
}
