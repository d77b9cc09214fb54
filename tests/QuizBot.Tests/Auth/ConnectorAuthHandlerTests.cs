using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Auth;

public sealed class ConnectorAuthHandlerTests : IAsyncDisposable
{
    private const string Client = "connector-under-test";

    private readonly FakeTokenEndpoint _entra = new();
    private readonly RecordingConnector _connector = new();

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private IHost Host(bool withAppId = true)
    {
        var settings = withAppId ? AuthHost.MultiTenant() : [];
        settings["QuizBot:Auth:AuthorityHost"] = _entra.BaseUrl;
        return AuthHost.Build(settings, environment: "Development", services: s =>
        {
            s.AddHttpClient(ConnectorTokenProvider.MsalHttpClient).ConfigurePrimaryHttpMessageHandler(_entra.TrustingHandler);
            s.AddHttpClient(Client).AddConnectorAuth();
        });
    }

    private Uri ActivitiesUrl => new(_connector.ServiceUrl + "v3/conversations/19%3Aabc%40thread.v2/activities");

    private static Task<HttpResponseMessage> PostAsync(IHost host, Uri url) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Client).PostAsJsonAsync(url, new { type = "message", text = "hi" });

    [Fact]
    public async Task A_call_to_a_service_url_that_no_authenticated_activity_brought_is_refused_before_anything_is_sent()
    {
        using var host = Host();
        var e = await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => PostAsync(host, ActivitiesUrl));
        Assert.Equal(ActivitiesUrl, e.Url);
        Assert.Contains("did not arrive in an authenticated activity", e.Message, StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
        Assert.Empty(_entra.Requests);
    }

    [Fact]
    public async Task A_call_to_a_trusted_service_url_carries_the_bots_token()
    {
        using var host = Host();
        host.Services.GetRequiredService<TrustedServiceUrls>().Trust(_connector.ServiceUrl.TrimEnd('/'));

        using var response = await PostAsync(host, ActivitiesUrl);

        response.EnsureSuccessStatusCode();
        Assert.Equal("Bearer token-1", Assert.Single(_connector.Calls).Authorization);
    }

    [Fact]
    public async Task A_401_from_the_connector_is_retried_once_with_a_fresh_token()
    {
        using var host = Host();
        host.Services.GetRequiredService<TrustedServiceUrls>().Trust(_connector.ServiceUrl);
        _connector.Failures.Enqueue(401);

        using var response = await PostAsync(host, ActivitiesUrl);

        response.EnsureSuccessStatusCode();
        var call = Assert.Single(_connector.Calls);
        Assert.Equal("hi", call.Text);
        Assert.Equal("Bearer token-2", call.Authorization);
        Assert.Equal(2, _entra.Requests.Count);
    }

    [Fact]
    public async Task A_second_401_is_handed_back_without_more_retries()
    {
        using var host = Host();
        host.Services.GetRequiredService<TrustedServiceUrls>().Trust(_connector.ServiceUrl);
        foreach (var status in new[] { 401, 401, 401 })
        {
            _connector.Failures.Enqueue(status);
        }

        using var response = await PostAsync(host, ActivitiesUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(_connector.Failures);
        Assert.Equal(2, _entra.Requests.Count);
    }

    [Fact]
    public async Task With_authentication_off_calls_go_out_without_a_token_to_any_connector()
    {
        using var host = Host(withAppId: false);

        using var response = await PostAsync(host, ActivitiesUrl);

        response.EnsureSuccessStatusCode();
        Assert.Equal("", Assert.Single(_connector.Calls).Authorization);
        Assert.Empty(_entra.Requests);
    }
}
