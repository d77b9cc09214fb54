using Microsoft.Extensions.Time.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The Slack channel round on Azure Table Storage (Azurite), the store several instances share.
[Trait("Category", "External")]
public sealed class SlackRoundOnTablesTests : IAsyncLifetime
{
    private readonly Azurite _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task A_channel_round_on_azure_tables_counts_each_answer_once_and_closes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var app = new SlackApp(time, new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = "slack" + Guid.NewGuid().ToString("N")[..8],
        });
        await SlackQuizTests.ChannelRoundAsync(app, time);
    }
}
