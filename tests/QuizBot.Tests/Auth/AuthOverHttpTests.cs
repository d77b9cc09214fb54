using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Auth;

public sealed class AuthOverHttpTests : IAsyncDisposable
{
    private readonly FakeIdentityServer _idp = new();
    private readonly FakeTokenEndpoint _entra = new();

    public async ValueTask DisposeAsync()
    {
        await _idp.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task Only_an_authenticated_activity_is_handled_and_the_reply_carries_the_bots_token()
    {
        var key = _idp.AddChannelKey("k1", "msteams");
        var settings = AuthHost.MultiTenant(_idp);
        settings["QuizBot:Auth:AuthorityHost"] = _entra.BaseUrl;
        await using var bot = new BotApp(settings);
        using var app = bot.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddHttpClient(ConnectorTokenProvider.MsalHttpClient).ConfigurePrimaryHttpMessageHandler(_entra.TrustingHandler)));
        var teams = new Activities(bot.Connector.ServiceUrl);
        using var client = app.CreateClient();

        var anonymous = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), teams.Message("help"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var now = TimeProvider.System.GetUtcNow();
        var token = key.Mint(new(FakeIdentityServer.ChannelIssuer, AuthHost.AppId, now.AddMinutes(-1), now.AddMinutes(30),
            new() { ["serviceurl"] = bot.Connector.ServiceUrl }));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = JsonContent.Create(teams.Message("help")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var call = await bot.Connector.NextAsync();
        Assert.Equal("Bearer token-1", call.Authorization);
    }
}
