using Azure.Core;
using Azure.Core.Pipeline;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// TableQuizStores on the shared Azurite, each test in tables of its own (a unique prefix).
internal static class TableStores
{
    public static string NewPrefix() => "T" + Guid.NewGuid().ToString("N")[..20];

    public static TableStoreOptions Options(Azurite azurite, string prefix, int answerBuckets = 16) => new()
    {
        ConnectionString = azurite.ConnectionString,
        TablePrefix = prefix,
        AnswerBuckets = answerBuckets,
        DueBuckets = 2,
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    // perRetry policies see every HTTP request sent; perCall policies see each call once, before any retry.
    public static async Task<TableQuizStore> CreateAsync(TableStoreOptions options, HttpPipelinePolicy? perRetry = null)
    {
        var store = Create(options, perRetry);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    // Without creating tables, for a client that is about to fail on purpose.
    public static TableQuizStore Create(TableStoreOptions options, HttpPipelinePolicy? perRetry = null, HttpPipelinePolicy? perCall = null)
    {
        var client = options.ClientOptions();
        if (perRetry is not null)
        {
            client.AddPolicy(perRetry, HttpPipelinePosition.PerRetry);
        }
        if (perCall is not null)
        {
            client.AddPolicy(perCall, HttpPipelinePosition.PerCall);
        }
        return new TableQuizStore(options.CreateServiceClient(client), options);
    }
}

// Counts storage requests (each one is a billed transaction).
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

// Lets the first N calls through and then fails every call, as if the process died there.
internal sealed class CrashAfter(int calls) : HttpPipelinePolicy
{
    private int _seen;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        return ProcessNextAsync(message, pipeline);
    }

    private void Check()
    {
        if (Interlocked.Increment(ref _seen) > calls)
        {
            throw new SimulatedCrashException();
        }
    }
}

internal sealed class SimulatedCrashException() : Exception("simulated crash");

// Sends the first request that matches, then drops its answer as a broken connection would: the SDK resends a
// request that has already committed.
internal sealed class LoseFirstAnswer(Func<HttpMessage, bool> matches) : HttpPipelinePolicy
{
    private int _lost;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (matches(message) && Interlocked.Exchange(ref _lost, 1) == 0)
        {
            throw new IOException("The connection was reset after the request was sent.");
        }
    }
}
