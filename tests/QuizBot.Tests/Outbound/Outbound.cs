using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Teams;
using QuizBot.Teams.Outbound;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Outbound;

// A connector HttpClient built as the service builds it (IHttpClientFactory + AddConnectorResilience), on a given clock.
internal sealed class Outbound : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public Outbound(TimeProvider time, Action<ConnectorResilienceOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddHttpClient(ConnectorClient.HttpClientName).AddConnectorResilience(configure);
        _services = services.BuildServiceProvider();
        Http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClient.HttpClientName);
        Client = new ConnectorClient(Http);
    }

    public HttpClient Http { get; }

    public ConnectorClient Client { get; }

    public ConnectorRateLimiter Limiter => _services.GetRequiredService<ConnectorRateLimiter>();

    public static ConversationAddress Address(string serviceUrl, string conversationId, string? tenantId = "tenant-1") =>
        new("msteams", serviceUrl, conversationId, tenantId, new ChannelAccount("28:bot"));

    public Task<string?> SendAsync(ThrottlingConnector connector, string conversationId, string text) =>
        Client.SendAsync(Address(connector.ServiceUrl, conversationId), Address(connector.ServiceUrl, conversationId).Message(text), CancellationToken.None);

    // As ConnectorClient will once it passes the tenant on: the same request, with ConnectorRequest.Tenant set.
    public async Task<int> SendWithTenantAsync(ThrottlingConnector connector, string conversationId, string tenantId, string text)
    {
        var to = Address(connector.ServiceUrl, conversationId, tenantId);
        using var request = new HttpRequestMessage(HttpMethod.Post, ConnectorClient.Url(to.ServiceUrl, to.ConversationId, null))
        {
            Content = JsonContent.Create(to.Message(text)),
        };
        request.Options.Set(ConnectorRequest.Tenant, tenantId);
        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    // Moves the fake clock in small steps until the connector has seen `hits` requests: each step gives the
    // client a moment of real time to act on timers that came due.
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, ThrottlingConnector connector, int hits, TimeSpan limit)
    {
        var step = TimeSpan.FromMilliseconds(250);
        // Time stands still until the previous attempt has arrived and its answer had a moment to travel back.
        Assert.True(await connector.WaitForHitsAsync(hits - 1, TimeSpan.FromSeconds(10)), "The previous attempt never arrived.");
        await Task.Delay(50);
        for (var moved = TimeSpan.Zero; moved <= limit; moved += step)
        {
            if (await connector.WaitForHitsAsync(hits, TimeSpan.FromMilliseconds(20)))
            {
                return;
            }
            time.Advance(step);
        }
        Assert.Fail($"The connector saw {connector.Hits.Count} requests, not {hits}, within {limit} of fake time.");
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
