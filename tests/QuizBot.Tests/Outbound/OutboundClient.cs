using QuizBot.Bench.Fanout;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams;
using QuizBot.Channels.Teams.Outbound;

namespace QuizBot.Tests.Outbound;

// A connector HttpClient built as the service builds it (IHttpClientFactory + AddConnectorResilience), on a given clock.
internal sealed class OutboundClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    // Sends still running at disposal are cancelled and awaited first: Polly waits for running executions when
    // its pipeline is disposed, polling on the injected clock, and a fake clock would make that wait forever.
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sends = [];

    public OutboundClient(TimeProvider time, Action<ConnectorResilienceOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddHttpClient(ConnectorClient.HttpClientName).AddConnectorResilience(configure);
        _services = services.BuildServiceProvider();
        Http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClient.HttpClientName);
        Client = new ConnectorClient(_services.GetRequiredService<IHttpClientFactory>());
    }

    public HttpClient Http { get; }

    public ConnectorClient Client { get; }

    public ConnectorRateLimiter Limiter => _services.GetRequiredService<ConnectorRateLimiter>();

    public static ConversationAddress Address(string serviceUrl, string conversationId, string? tenantId = "tenant-1") =>
        new("msteams", serviceUrl, conversationId, tenantId, new ChannelAccount { Id = "28:bot" });

    public Task<string?> SendAsync(ThrottlingConnector connector, string conversationId, string text)
    {
        var to = Address(connector.ServiceUrl, conversationId);
        return Track(Client.SendAsync(to, to.Message(text), _stop.Token));
    }

    // As ConnectorClient will once it passes the tenant on: the same request, with ConnectorRequest.Tenant set.
    public Task<int> SendWithTenantAsync(ThrottlingConnector connector, string conversationId, string tenantId, string text) =>
        Track(PostWithTenantAsync(connector, conversationId, tenantId, text));

    private async Task<int> PostWithTenantAsync(ThrottlingConnector connector, string conversationId, string tenantId, string text)
    {
        var to = Address(connector.ServiceUrl, conversationId, tenantId);
        using var request = new HttpRequestMessage(HttpMethod.Post, ConnectorClient.Url(to.ServiceUrl, to.ConversationId, null))
        {
            Content = JsonContent.Create(to.Message(text)),
        };
        request.Options.Set(ConnectorRequest.Tenant, tenantId);
        using var response = await Http.SendAsync(request, _stop.Token);
        return (int)response.StatusCode;
    }

    // Moves the fake clock in small steps until the connector has seen `hits` requests. After each new arrival the
    // clock stands still for a moment of real time, so the answer reaches the client and its retry timer is set
    // before time moves on; otherwise a wait would look shorter than it was.
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, ThrottlingConnector connector, int hits, TimeSpan limit)
    {
        var step = TimeSpan.FromMilliseconds(250);
        Assert.True(await connector.WaitForHitsAsync(1, TimeSpan.FromSeconds(10)), "The first attempt never arrived.");
        var seen = 0;
        for (var moved = TimeSpan.Zero; moved <= limit; moved += step)
        {
            if (await connector.WaitForHitsAsync(hits, TimeSpan.FromMilliseconds(20)))
            {
                return;
            }
            if (connector.Hits.Count > seen)
            {
                seen = connector.Hits.Count;
                await Task.Delay(50);
            }
            time.Advance(step);
        }
        Assert.Fail($"The connector saw {connector.Hits.Count} requests, not {hits}, within {limit} of fake time.");
    }

    private Task<T> Track<T>(Task<T> send)
    {
        lock (_sends)
        {
            _sends.Add(send);
        }
        return send;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_sends)
        {
            running = [.. _sends];
        }
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
