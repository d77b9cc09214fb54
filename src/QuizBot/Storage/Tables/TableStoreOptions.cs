using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace QuizBot.Storage.Tables;

// Storage:AzureTables. Either a connection string (Azurite: UseDevelopmentStorage=true) or an account endpoint
// signed in with DefaultAzureCredential (managed identity in Azure, az login on a laptop).
internal sealed class TableStoreOptions
{
    public string? ConnectionString { get; set; }

    public Uri? Endpoint { get; set; }

    // Letters and digits put in front of every table name, so tests and environments can share an account.
    public string TablePrefix { get; set; } = "QuizBot";

    // A post's answers are spread over this many partitions (~2,000 entities/s each; an answer writes 2 entities).
    public int AnswerBuckets { get; set; } = 16;

    // The due-work index (posts to close, rounds to claim) is spread over this many partitions.
    public int DueBuckets { get; set; } = 4;

    // SDK retries for transient faults (408, 429, 500, 502, 503, 504, timeouts); what outlasts them is thrown.
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }

    public TableServiceClient CreateServiceClient(TableClientOptions? clientOptions = null)
    {
        clientOptions ??= ClientOptions();
        return string.IsNullOrEmpty(ConnectionString)
            ? new TableServiceClient(Endpoint!, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(ConnectionString, clientOptions);
    }
}
