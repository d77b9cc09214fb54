using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuizBot.Storage.Tables;

namespace QuizBot.Storage;

internal sealed class StorageOptions
{
    public const string Sqlite = "Sqlite";
    public const string AzureTables = "AzureTables";

    // Sqlite (embedded, the default) or AzureTables (Storage:AzureTables).
    public string Provider { get; set; } = Sqlite;

    // How long one store call may take before it counts as unavailable (503 "try again"): well inside Teams' 15 s.
    public int CallTimeoutSeconds { get; set; } = 10;
}

internal static class StorageSetup
{
    public static IServiceCollection AddQuizStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateOnStart();
        services.AddOptions<SqliteOptions>().BindConfiguration("Storage:Sqlite").ValidateOnStart();
        services.AddOptions<TableStoreOptions>().BindConfiguration("Storage:AzureTables").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteOptions>, SqliteOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStoreOptions>, TableStoreOptionsValidator>());
        // Every call goes through the guard: provider failures become StoreUnavailableException.
        services.AddSingleton<IQuizStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var timeout = TimeSpan.FromSeconds(storage.CallTimeoutSeconds);
            if (storage.Provider == StorageOptions.AzureTables)
            {
                var tables = sp.GetRequiredService<IOptions<TableStoreOptions>>().Value;
                return GuardedQuizStore.Over(new TableQuizStore(tables.CreateServiceClient(), tables), timeout);
            }
            return GuardedQuizStore.Over(new SqliteQuizStore(sp.GetRequiredService<IOptions<SqliteOptions>>().Value.Path), timeout);
        });
        // Each consumer takes only the port it uses; all of them are the one store.
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IRoundStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IBoardStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IInstallStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IDeliveryStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IBankStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IReviewStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IDisputeStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddSingleton<IIdentityLinkStore>(sp => sp.GetRequiredService<IQuizStore>());
        services.AddKeyRing();
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
