using Microsoft.Extensions.Options;

namespace QuizBot.Storage;

internal sealed class StorageOptions
{
    public string Provider { get; set; } = "Sqlite";
}

internal static class StorageSetup
{
    public static IServiceCollection AddQuizStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => o.Provider is "Sqlite", "Storage:Provider must be Sqlite.")
            .ValidateOnStart();
        services.AddOptions<SqliteOptions>().BindConfiguration("Storage:Sqlite").ValidateOnStart();
        services.AddSingleton<IQuizStore>(sp => new SqliteQuizStore(sp.GetRequiredService<IOptions<SqliteOptions>>().Value.Path));
        return services;
    }
}
