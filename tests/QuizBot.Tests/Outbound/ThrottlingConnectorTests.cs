using QuizBot.Bench.Fanout;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams;

namespace QuizBot.Tests.Outbound;

// The fake is the oracle of the end-to-end tests, so it is checked on its own, on a clock that stands still.
public sealed class ThrottlingConnectorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ThrottlingConnector _connector;
    private readonly HttpClient _raw = new();

    public ThrottlingConnectorTests() => _connector = new ThrottlingConnector(_time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _connector.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string conversationId, string text, string? tenantId = "contoso")
    {
        var to = OutboundClient.Address(_connector.ServiceUrl, conversationId, tenantId);
        return await _raw.PostAsync(ConnectorClient.Url(to.ServiceUrl, to.ConversationId, null), JsonContent.Create(to.Message(text)));
    }

    [Fact]
    public async Task The_eighth_message_within_a_second_gets_429_with_Retry_After_and_is_not_delivered()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await PostAsync("a:personal", $"Question {i}");
            statuses.Add((int)response.StatusCode);
            if (i == 7)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([201, 201, 201, 201, 201, 201, 201, 429], statuses);
        Assert.Equal(7, _connector.Delivered("a:personal"));
        Assert.Equal(1, _connector.Throttled);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var later = await PostAsync("a:personal", "Question 8");
        Assert.Equal(201, (int)later.StatusCode);
    }

    [Fact]
    public async Task The_fifty_first_message_to_one_tenant_within_a_second_gets_429()
    {
        for (var i = 0; i < 50; i++)
        {
            using var ok = await PostAsync($"a:user-{i}", "Round 1");
            Assert.Equal(201, (int)ok.StatusCode);
        }

        using var throttled = await PostAsync("a:user-50", "Round 1");
        using var otherTenant = await PostAsync("a:user-51", "Round 1", "fabrikam");

        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal(201, (int)otherTenant.StatusCode);
    }

    [Fact]
    public async Task The_same_message_posted_twice_to_a_conversation_counts_as_a_duplicate()
    {
        (await PostAsync("a:personal", "Question 1")).Dispose();
        (await PostAsync("a:personal", "Question 1")).Dispose();
        (await PostAsync("a:other", "Question 1")).Dispose();
        (await PostAsync("a:personal", "Question 2")).Dispose();

        Assert.Equal(1, _connector.Duplicates);
        Assert.Equal(4, _connector.TotalDelivered);
    }
}
