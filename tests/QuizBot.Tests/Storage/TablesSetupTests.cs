using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Storage;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TablesSetupTests(Azurite azurite)
{
    [Fact]
    public async Task Configuring_AzureTables_runs_the_bot_on_tables_it_creates_at_start_up()
    {
        var prefix = TableStores.NewPrefix();
        await using var app = new BotApp(new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = prefix,
        });

        using var client = app.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        health.EnsureSuccessStatusCode();
        var store = Assert.IsType<TableQuizStore>(Assert.IsType<GuardedQuizStore>(app.Services.GetRequiredService<IQuizStore>()).Inner);
        var tables = new List<string>();
        await foreach (var t in new TableServiceClient(azurite.ConnectionString).QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix}")))
        {
            tables.Add(t.Name);
        }
        Assert.Equal(["Answers", "Banks", "Boards", "Conversations", "Deliveries", "Disputes", "Due", "IdentityLinks", "Installs", "Keys", "Reviews", "Sessions"], tables.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..]).Order(StringComparer.Ordinal));
        await store.DeleteTablesAsync(CancellationToken.None);
    }
}
