using QuizBot.Bench.Fanout;
using Microsoft.Extensions.Time.Testing;

namespace QuizBot.Tests.Outbound;

public sealed class AttemptTimeoutTests
{
    [Fact]
    public async Task An_attempt_the_connector_never_answers_is_abandoned_and_retried()
    {
        var time = new FakeTimeProvider();
        await using var connector = new ThrottlingConnector(time);
        await using var outbound = new OutboundClient(time, o => o.AttemptTimeout = TimeSpan.FromSeconds(5));
        connector.HangNext();

        var send = outbound.SendAsync(connector, "a:personal", "Question 1");
        await OutboundClient.AdvanceUntilAsync(time, connector, 2, TimeSpan.FromMinutes(1));

        Assert.NotNull(await send);
        Assert.True(connector.Hits[1].At - connector.Hits[0].At >= TimeSpan.FromSeconds(5));
        Assert.Equal(1, connector.Delivered("a:personal"));
    }
}
