using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The Slack wire layer as the service builds it, against the Slack stand-in, both on one fake clock.
public abstract class SlackWireTests : IAsyncLifetime
{
    private protected SlackWireTests()
    {
        Slack = new SlackStandIn(time: Time);
        Host = new SlackWireHost(Slack, Time);
    }

    private protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));

    private protected SlackStandIn Slack { get; }

    private protected SlackWireHost Host { get; }

    private protected SlackWebApi Api => Host.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
