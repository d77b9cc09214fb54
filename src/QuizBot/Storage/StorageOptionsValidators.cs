using Microsoft.Extensions.Options;

namespace QuizBot.Storage;

// Checked at start-up, so a store that cannot work stops the service with a sentence instead of failing the first request.
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions o) =>
        o.Provider is not (StorageOptions.Sqlite or StorageOptions.AzureTables)
            ? ValidateOptionsResult.Fail($"Storage:Provider must be Sqlite or AzureTables, not '{o.Provider}'.")
            : o.CallTimeoutSeconds is < 1 or > 300
                ? ValidateOptionsResult.Fail($"Storage:CallTimeoutSeconds must be 1 to 300 (default 10), not {o.CallTimeoutSeconds}.")
                : ValidateOptionsResult.Success;
}

internal sealed class SqliteOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<SqliteOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteOptions o) =>
        storage.Value.Provider != StorageOptions.Sqlite || !string.IsNullOrWhiteSpace(o.Path)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Storage:Sqlite:Path is empty: set it to the database file (default data/quizbot.db) or leave it out.");
}
