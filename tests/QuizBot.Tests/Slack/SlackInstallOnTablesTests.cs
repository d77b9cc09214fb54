using System.Net;
using Azure.Data.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Two instances sharing Azure Table Storage (Azurite): the token one instance stored when a workspace installed is
// read by the other, because the key ring that protects it lives beside the data.
[Trait("Category", "External")]
public sealed class SlackInstallOnTablesTests : IAsyncLifetime
{
    private readonly Azurite _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task A_workspace_installed_through_one_instance_is_served_by_another()
    {
        await using var slack = new SlackStandIn();
        var prefix = "inst" + Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string?> Settings() => new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = prefix,
            ["Slack:SigningSecret"] = SlackSender.DefaultSecret,
            ["Slack:ClientId"] = SlackStandIn.ClientId,
            ["Slack:ClientSecret"] = SlackStandIn.ClientSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:AuthorizeUrl"] = slack.AuthorizeUrl,
        };
        await using var first = new BotApp(Settings());
        await using var second = new BotApp(Settings());
        slack.ApproveAs("T0ACME", "Acme", "xoxb-acme-0002");

        var (page, _, _) = await SlackInstallTests.InstallAsync(first);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var client = second.CreateClient();
        var sender = new SlackSender(SlackSender.DefaultSecret);
        await client.SendAsync(sender.Event("/api/slack/events",
            SlackEvents.Callback(SlackEvents.MessageIm("U0BOB", SlackApp.Dm, "quiz"), "Ev-two-1", teamId: "T0ACME")));

        var posted = await slack.NextAsync("chat.postMessage");
        Assert.Equal("Bearer xoxb-acme-0002", posted.Authorization);
        // The key ring is a table beside the data, and the stored token is not the token.
        var service = new TableServiceClient(_azurite.ConnectionString);
        Assert.NotEmpty(service.GetTableClient(prefix + "Keys").Query<TableEntity>().ToList());
        var install = service.GetTableClient(prefix + "Installs").Query<TableEntity>(e => e.PartitionKey == "i|slack").Single();
        Assert.DoesNotContain("acme", install.GetString("Token"), StringComparison.OrdinalIgnoreCase);
    }
}
