using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

public sealed class StorageSetupTests
{
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

    [Theory]
    [InlineData("Sqlite", "Storage:Sqlite:Path", " ", "Storage:Sqlite:Path is empty")]
    [InlineData("AzureTables", "Storage:AzureTables:TablePrefix", "quiz-bot", "TablePrefix must be 1-40 letters or digits")]
    [InlineData("AzureTables", "Storage:AzureTables:AnswerBuckets", "0", "buckets must be between 1 and 99")]
    [InlineData("AzureTables", "Storage:AzureTables:MaxRetries", "-1", "MaxRetries must be between 0 and 20")]
    public async Task Each_storage_mistake_is_named_at_start(string provider, string key, string value, string message)
    {
        using var dir = new TempDir();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:Sqlite:Path"] = dir.File("quizbot.db"),
            ["Storage:AzureTables:ConnectionString"] = "UseDevelopmentStorage=true",
            [key] = value,
        });
        builder.Services.AddQuizStore();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_settings_are_not_checked_while_the_provider_is_Sqlite()
    {
        using var dir = new TempDir();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = dir.File("quizbot.db"),
            ["Storage:AzureTables:TablePrefix"] = "not valid",
        });
        builder.Services.AddQuizStore();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    // SQLite's files live under the content root by default (data/quizbot.db in src/QuizBot/ or /app). A reload-on-change
    // source would put a recursive file watcher on that root, and every write the store makes would wake it.
    [Fact]
    public void The_service_reads_its_configuration_files_once_and_watches_none()
    {
        using var app = new BotApp();
        var config = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();

        var files = config.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is reloaded on change"));
    }
}
