using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;

namespace QuizBot.Tests.Auth;

public sealed class ConnectorTokenProviderTests : IAsyncDisposable
{
    private readonly FakeTokenEndpoint _entra = new();

    public ValueTask DisposeAsync() => _entra.DisposeAsync();

    private IHost Host(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = AuthHost.MultiTenant();
        settings["QuizBot:Auth:AuthorityHost"] = _entra.BaseUrl;
        change?.Invoke(settings);
        return AuthHost.Build(settings, services: s =>
            s.AddHttpClient(ConnectorTokenProvider.MsalHttpClient).ConfigurePrimaryHttpMessageHandler(_entra.TrustingHandler));
    }

    [Fact]
    public async Task A_multi_tenant_bot_gets_a_client_credentials_token_for_the_Bot_Framework_from_the_botframework_tenant()
    {
        using var host = Host();
        var token = await host.Services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(false, default);

        Assert.Equal("token-1", token);
        var request = Assert.Single(_entra.Requests);
        Assert.Equal(new TokenRequest("botframework.com", "client_credentials", AuthHost.AppId, "s3cret", "https://api.botframework.com/.default"), request);
        Assert.Empty(_entra.Unexpected);
    }

    [Fact]
    public async Task A_single_tenant_bot_asks_its_own_tenant()
    {
        using var host = Host(s =>
        {
            s["MicrosoftAppType"] = "SingleTenant";
            s["MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        });
        await host.Services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(false, default);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", Assert.Single(_entra.Requests).Tenant);
    }

    [Fact]
    public async Task The_token_is_cached_so_two_calls_make_one_request()
    {
        using var host = Host();
        var provider = host.Services.GetRequiredService<ConnectorTokenProvider>();
        Assert.Equal("token-1", await provider.GetTokenAsync(false, default));
        Assert.Equal("token-1", await host.Services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(false, default));
        Assert.Single(_entra.Requests);
    }

    [Fact]
    public async Task A_forced_refresh_asks_the_token_endpoint_again()
    {
        using var host = Host();
        var provider = host.Services.GetRequiredService<ConnectorTokenProvider>();
        await provider.GetTokenAsync(false, default);
        Assert.Equal("token-2", await provider.GetTokenAsync(true, default));
        Assert.Equal("token-2", await provider.GetTokenAsync(false, default));
        Assert.Equal(2, _entra.Requests.Count);
    }
}
