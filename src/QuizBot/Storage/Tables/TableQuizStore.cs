using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Azure Table Storage. No transaction spans partitions here, so every step that writes to more than one partition
// is ordered and idempotent: run it again after a crash at any point and it finishes without counting twice.
// The key design and what each operation costs is written down in docs/storage.md.
internal sealed partial class TableQuizStore : IQuizStore
{
    // Optimistic-concurrency conflicts are retried this often before the caller is told to try again.
    private const int MaxAttempts = 12;

    private readonly TableServiceClient _service;
    private readonly TableClient _sessions;
    private readonly TableClient _conversations;
    private readonly TableClient _answers;
    private readonly TableClient _boards;
    private readonly TableClient _due;
    private readonly TableClient _installs;
    private readonly TableClient _deliveries;
    private readonly TableClient _banks;
    private readonly TableClient _reviews;
    private readonly TableClient _disputes;
    private readonly TableClient _identityLinks;
    private readonly int _answerBuckets;
    private readonly int _dueBuckets;

    public TableQuizStore(TableServiceClient service, TableStoreOptions options)
    {
        if (TableStoreOptionsValidator.Problems(options) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        _service = service;
        _sessions = service.GetTableClient(options.TablePrefix + "Sessions");
        _conversations = service.GetTableClient(options.TablePrefix + "Conversations");
        _answers = service.GetTableClient(options.TablePrefix + "Answers");
        _boards = service.GetTableClient(options.TablePrefix + "Boards");
        _due = service.GetTableClient(options.TablePrefix + "Due");
        _installs = service.GetTableClient(options.TablePrefix + "Installs");
        _deliveries = service.GetTableClient(options.TablePrefix + "Deliveries");
        _banks = service.GetTableClient(options.TablePrefix + "Banks");
        _reviews = service.GetTableClient(options.TablePrefix + "Reviews");
        _disputes = service.GetTableClient(options.TablePrefix + "Disputes");
        _identityLinks = service.GetTableClient(options.TablePrefix + "IdentityLinks");
        _answerBuckets = options.AnswerBuckets;
        _dueBuckets = options.DueBuckets;
    }

    private IEnumerable<TableClient> Tables => [_sessions, _conversations, _answers, _boards, _due, _installs, _deliveries, _banks, _reviews, _disputes, _identityLinks];

    // Called once at start-up; creating a table that exists is a no-op.
    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            await _service.CreateTableIfNotExistsAsync(table.Name, ct);
        }
    }

    // One point read: a missing entity is an answer too, and costs one transaction.
    public async Task PingAsync(CancellationToken ct) => await GetAsync(_conversations, "ping", "ping", ct);

    // What outlasted the SDK's own retries (408, 429, 5xx, no answer at all, its network timeout; several at once come
    // as an AggregateException) or our optimistic-concurrency retries. Other 4xx answers are mistakes in QuizBot's
    // requests and stay what they are. A cancellation reaches here only when the caller did not ask for it.
    public static bool IsUnavailable(Exception e) => e switch
    {
        TableContentionException or TimeoutException or OperationCanceledException => true,
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnavailable),
        _ => false,
    };

    // For tests that isolate themselves by prefix.
    public async Task DeleteTablesAsync(CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            await _service.DeleteTableAsync(table.Name, ct);
        }
    }

    private static async Task<TableEntity?> GetAsync(TableClient table, string pk, string rk, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter, int? take, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        if (take <= 0)
        {
            return rows;
        }
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: take is { } t ? Math.Min(t, 1000) : null, cancellationToken: ct))
        {
            rows.Add(row);
            if (rows.Count == take)
            {
                break;
            }
        }
        return rows;
    }

    // Every row of one partition whose key starts with the prefix, in key order.
    private static Task<List<TableEntity>> RangeAsync(TableClient table, string pk, string prefix, int? take, CancellationToken ct) =>
        QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}"), take, ct);

    // Azure rejects a batch that spans partitions but Azurite commits it, so a mistake here would pass every local
    // test and fail in production: refuse it before sending.
    internal static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        if (actions.Count is 0 or > 100)
        {
            throw new InvalidOperationException($"A table transaction holds 1 to 100 operations, not {actions.Count}.");
        }
        var pk = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != pk))
        {
            throw new InvalidOperationException("A table transaction must stay within one partition.");
        }
        await table.SubmitTransactionAsync(actions, ct);
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string pk, string rk, ETag etag, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(pk, rk, etag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already gone, or changed since it was read: either way not ours to delete.
        }
    }

    private static bool Is(RequestFailedException e, int status) => e.Status == status;

    // Backs off a little so that writers racing for one entity do not collide again at once.
    private static async Task BackOffAsync(int attempt, CancellationToken ct)
    {
        if (attempt + 1 >= MaxAttempts)
        {
            throw new TableContentionException();
        }
#pragma warning disable CA5394 // jitter, not security
        await Task.Delay(Random.Shared.Next(1, 10 * (attempt + 1)), ct);
#pragma warning restore CA5394
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(TableEntity e, string name) => DateTimeOffset.FromUnixTimeMilliseconds(e.GetInt64(name)!.Value);

    private static DateTimeOffset? AtOrNull(TableEntity e, string name) =>
        e.GetInt64(name) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

// Too many writers changed the same entity at once; nothing was half-written, so the caller can simply try again.
internal sealed class TableContentionException() : Exception("The store is busy with concurrent changes to the same data; try again.");
