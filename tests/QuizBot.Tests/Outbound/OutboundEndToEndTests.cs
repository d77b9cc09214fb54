using QuizBot.Bench.Fanout;

namespace QuizBot.Tests.Outbound;

// Real clock, real Kestrel, real handlers, all sends at once from a cold client: what the Teams connector would see.
public sealed class OutboundEndToEndTests
{
    [Fact]
    public async Task Forty_messages_to_one_conversation_all_arrive_once_without_a_single_429()
    {
        await using var connector = new ThrottlingConnector();
        await using var outbound = new OutboundClient(TimeProvider.System);

        var ids = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => outbound.SendWithTenantAsync(connector, "19:quiz@thread.v2", "contoso", $"Question {i}")));

        Assert.All(ids, status => Assert.Equal(201, status));
        Assert.Equal(0, connector.Throttled);
        Assert.Equal(40, connector.Delivered("19:quiz@thread.v2"));
        Assert.Equal(0, connector.Duplicates);
    }

    [Fact]
    public async Task Sends_to_many_conversations_of_one_tenant_stay_within_the_tenant_limit()
    {
        await using var connector = new ThrottlingConnector();
        await using var outbound = new OutboundClient(TimeProvider.System);

        var statuses = await Task.WhenAll(Enumerable.Range(1, 120).Select(i => outbound.SendWithTenantAsync(connector, $"a:user-{i}", "contoso", "Round 1")));

        Assert.All(statuses, s => Assert.Equal(201, s));
        Assert.Equal(0, connector.Throttled);
        Assert.Equal(120, Enumerable.Range(1, 120).Sum(i => connector.Delivered($"a:user-{i}")));
    }
}
