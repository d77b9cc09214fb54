using Microsoft.Extensions.Options;

namespace QuizBot.Storage.Tables;

// Checked at start-up only when Table Storage is the provider; TableQuizStore checks the same on construction.
internal sealed class TableStoreOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<TableStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TableStoreOptions o) =>
        storage.Value.Provider != StorageOptions.AzureTables || Problems(o) is not { Count: > 0 } problems
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems);

    public static List<string> Problems(TableStoreOptions o)
    {
        var problems = new List<string>();
        switch (o.ConnectionString, o.Endpoint)
        {
            case (null or "", null):
                problems.Add("Storage:AzureTables needs ConnectionString or Endpoint.");
                break;
            case ({ Length: > 0 }, not null):
                problems.Add("Storage:AzureTables takes ConnectionString or Endpoint, not both.");
                break;
        }
        var prefix = o.TablePrefix;
        if (prefix.Length is 0 or > 40 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"Storage:AzureTables:TablePrefix must be 1-40 letters or digits, starting with a letter, not '{prefix}'.");
        }
        if (o.AnswerBuckets is < 1 or > 99 || o.DueBuckets is < 1 or > 99)
        {
            problems.Add("Storage:AzureTables buckets must be between 1 and 99 (AnswerBuckets, DueBuckets).");
        }
        if (o.MaxRetries is < 0 or > 20)
        {
            problems.Add("Storage:AzureTables:MaxRetries must be between 0 and 20.");
        }
        if (o.RetryDelay <= TimeSpan.Zero || o.MaxRetryDelay < o.RetryDelay || o.NetworkTimeout <= TimeSpan.Zero)
        {
            problems.Add("Storage:AzureTables needs a positive RetryDelay and NetworkTimeout, and a MaxRetryDelay no shorter than RetryDelay.");
        }
        return problems;
    }
}
