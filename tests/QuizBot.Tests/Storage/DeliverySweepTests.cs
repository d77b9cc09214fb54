using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// Delivery records must not pile up: once expired they are swept, on each store in its own way.
public sealed class DeliverySweepTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    internal static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);

    internal static async Task TakeAndCompleteAsync(IDeliveryStore store, string key, DateTimeOffset at)
    {
        Assert.Equal(DeliveryState.Taken, (await store.TakeDeliveryAsync(new DeliveryClaim(key, "h", at, at.AddMinutes(2), at + Keep), default)).State);
        await store.CompleteDeliveryAsync(key, "h", [1, 2, 3], at + Keep, default);
    }

    [Fact]
    public async Task SQLite_keeps_only_the_deliveries_that_have_not_expired()
    {
        using var dir = new TempDir();
        var path = dir.File("quizbot.db");
        var store = GuardedQuizStore.Over(new SqliteQuizStore(path));
        for (var i = 0; i < 50; i++)
        {
            await TakeAndCompleteAsync(store, $"old-{i}", T0);
        }

        await TakeAndCompleteAsync(store, "new", T0 + Keep);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT key FROM deliveries";
        await using var rows = await count.ExecuteReaderAsync();
        Assert.True(await rows.ReadAsync());
        Assert.Equal("new", rows.GetString(0));
        Assert.False(await rows.ReadAsync());
    }
}

[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TableDeliverySweepTests(Azurite azurite)
{
    [Fact]
    public async Task Tables_sweep_every_bucket_of_expired_deliveries_within_sixteen_sweeps()
    {
        var prefix = TableStores.NewPrefix();
        var tables = await TableStores.CreateAsync(TableStores.Options(azurite, prefix));
        var store = GuardedQuizStore.Over(tables);
        try
        {
            for (var i = 0; i < 60; i++)
            {
                await DeliverySweepTests.TakeAndCompleteAsync(store, $"old-{i}", DeliverySweepTests.T0);
            }

            // Later deliveries, each past the sweep interval: every take sweeps the next bucket.
            var later = DeliverySweepTests.T0 + DeliverySweepTests.Keep;
            for (var i = 0; i < 16; i++)
            {
                await DeliverySweepTests.TakeAndCompleteAsync(store, $"new-{i}", later.AddSeconds(30 * i));
            }

            var left = new List<string>();
            await foreach (var row in new TableClient(azurite.ConnectionString, prefix + "Deliveries").QueryAsync<TableEntity>())
            {
                left.Add(row.RowKey);
            }
            Assert.Equal(Enumerable.Range(0, 16).Select(i => $"new-{i}").Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        }
        finally
        {
            await tables.DeleteTablesAsync(default);
        }
    }
}
