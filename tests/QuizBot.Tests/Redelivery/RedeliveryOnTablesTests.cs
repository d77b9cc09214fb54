using QuizBot.Tests.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Redelivery;

// Two service instances on one Azure Table Storage account (Azurite), Teams redelivering to both.
[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class RedeliveryOnTablesTests(Azurite azurite)
{
    [Fact]
    public async Task The_same_schedule_and_post_now_delivered_to_two_instances_on_tables_run_once()
    {
        var settings = RedeliveryRound.Settings();
        settings["Storage:Provider"] = "AzureTables";
        settings["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString;
        settings["Storage:AzureTables:TablePrefix"] = TableStores.NewPrefix();
        await using var a = new BotApp(settings);
        await using var b = new BotApp(settings);

        await RedeliveryRound.RunOnceOnBothAsync(a, b);
    }
}
