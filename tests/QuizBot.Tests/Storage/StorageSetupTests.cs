using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuizBot.Storage;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageSetupTests(Azurite azurite)
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
        Assert.Equal(["Answers", "Boards", "Conversations", "Due", "Sessions"], tables.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..]).Order(StringComparer.Ordinal));
        await store.DeleteTablesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Every_store_port_is_the_one_store()
    {
        using var dir = new TempDir();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = dir.File("quizbot.db") });
        builder.Services.AddQuizStore();
        using var host = builder.Build();
        await host.StartAsync();

        var store = host.Services.GetRequiredService<IQuizStore>();
        Assert.Same(store, host.Services.GetRequiredService<ISessionStore>());
        Assert.Same(store, host.Services.GetRequiredService<IRoundStore>());
        Assert.Same(store, host.Services.GetRequiredService<IBoardStore>());
        Assert.Same(store, host.Services.GetRequiredService<IConversationStore>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Cosmos", null, null)]
    [InlineData("AzureTables", null, null)]
    [InlineData("AzureTables", "UseDevelopmentStorage=true", "https://account.table.core.windows.net/")]
    public async Task A_storage_configuration_that_cannot_work_stops_the_start(string provider, string? connectionString, string? endpoint)
    {
        using var dir = new TempDir();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:Sqlite:Path"] = dir.File("quizbot.db"),
            ["Storage:AzureTables:ConnectionString"] = connectionString,
            ["Storage:AzureTables:Endpoint"] = endpoint,
        });
        builder.Services.AddQuizStore();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Storage:", error.Message, StringComparison.Ordinal);
    }
}
