using Microsoft.Extensions.Options;
using QuizBot.Storage.Tables;

namespace QuizBot.Storage;

internal sealed class StorageOptions
{
    // Sqlite (embedded, the default) or AzureTables (Storage:AzureTables).
    public string Provider { get; set; } = "Sqlite";
}

internal static class StorageSetup
{
    public static IServiceCollection AddQuizStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => o.Provider is "Sqlite" or "AzureTables", "Storage:Provider must be Sqlite or AzureTables.")
            .ValidateOnStart();
        services.AddOptions<SqliteOptions>().BindConfiguration("Storage:Sqlite").ValidateOnStart();
        services.AddOptions<TableStoreOptions>().BindConfiguration("Storage:AzureTables")
            .Validate<IOptions<StorageOptions>>((o, storage) => storage.Value.Provider != "AzureTables" || o.IsValid(out _),
                "Storage:AzureTables needs ConnectionString or Endpoint (not both), a TablePrefix of letters and digits, and buckets from 1 to 99.")
            .ValidateOnStart();
        // Every call goes through the guard: provider failures become StoreUnavailableException.
        services.AddSingleton<IQuizStore>(sp =>
        {
            if (sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == "AzureTables")
            {
                var tables = sp.GetRequiredService<IOptions<TableStoreOptions>>().Value;
                return GuardedQuizStore.Over(new TableQuizStore(tables.CreateServiceClient(), tables));
            }
            return GuardedQuizStore.Over(new SqliteQuizStore(sp.GetRequiredService<IOptions<SqliteOptions>>().Value.Path));
        });
        // Each consumer takes only the port it uses; all of them are the one store.
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IRoundStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IBoardStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<IQuizStore>());
        // Opens the store before anything serves requests: SQLite migrates, Table Storage creates missing tables.
        services.AddHostedService<StoreStartup>();
        return services;
    }
}

internal sealed class StoreStartup(IQuizStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
