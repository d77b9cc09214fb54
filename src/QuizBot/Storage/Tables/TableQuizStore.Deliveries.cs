using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Deliveries table: partition "d|{bucket}" (16 buckets by a hash of the key), row {key}. A take is one insert when the
// key is new; a conflict reads the row and, when it has expired or its lease ran out, replaces it on its ETag.
// Table Storage cannot delete by a property, so each instance sweeps one bucket's expired rows every SweepEvery (on the
// caller's clock), in turn: every bucket is swept within DeliveryBuckets × SweepEvery, which bounds the table.
internal sealed partial class TableQuizStore
{
    private const int DeliveryBuckets = 16;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    private long _nextSweepMs;
    private int _sweptBucket = -1;

    private static string DeliveryPk(int bucket) => "d|" + bucket.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<DeliveryRecord> TakeDeliveryAsync(DeliveryClaim claim, CancellationToken ct)
    {
        await SweepDeliveriesAsync(claim.Now, ct);
        var pk = DeliveryPk(TableKeys.Bucket(claim.Key, DeliveryBuckets));
        var rk = TableKeys.Segment(claim.Key);
        var mine = new TableEntity(pk, rk)
        {
            ["Holder"] = claim.Holder,
            ["Done"] = false,
            ["LeaseEnds"] = Ms(claim.LeaseEnds),
            ["ExpiresAt"] = Ms(claim.Expires),
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var existing = await GetAsync(_deliveries, pk, rk, ct);
                if (existing is null)
                {
                    await _deliveries.AddEntityAsync(mine, ct);
                    return DeliveryRecord.Taken;
                }
                var now = Ms(claim.Now);
                if (existing.GetInt64("ExpiresAt") > now)
                {
                    if (existing.GetBoolean("Done") == true)
                    {
                        return new DeliveryRecord(DeliveryState.Done, existing.GetBinary("Answer"));
                    }
                    // Our own insert, committed although its answer was lost and the SDK sent it again.
                    if (existing.GetString("Holder") == claim.Holder)
                    {
                        return DeliveryRecord.Taken;
                    }
                    if (existing.GetInt64("LeaseEnds") > now)
                    {
                        return DeliveryRecord.Running;
                    }
                }
                await _deliveries.UpdateEntityAsync(mine, existing.ETag, TableUpdateMode.Replace, ct);
                return DeliveryRecord.Taken;
            }
            catch (RequestFailedException e) when (Is(e, 409) || Is(e, 412))
            {
                // Another instance took or changed it between our read and our write: read again.
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public async Task CompleteDeliveryAsync(string key, string holder, byte[]? answer, DateTimeOffset expires, CancellationToken ct)
    {
        if (await OwnRowAsync(key, holder, ct) is not { } row)
        {
            return;
        }
        row["Done"] = true;
        row["Answer"] = answer;
        row["ExpiresAt"] = Ms(expires);
        try
        {
            await _deliveries.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (Is(e, 404) || Is(e, 412))
        {
            // Taken over (or swept) since it was read: the record is no longer this holder's.
        }
    }

    public async Task ReleaseDeliveryAsync(string key, string holder, CancellationToken ct)
    {
        if (await OwnRowAsync(key, holder, ct) is { } row)
        {
            await DeleteIfExistsAsync(_deliveries, row.PartitionKey, row.RowKey, row.ETag, ct);
        }
    }

    private async Task<TableEntity?> OwnRowAsync(string key, string holder, CancellationToken ct)
    {
        var row = await GetAsync(_deliveries, DeliveryPk(TableKeys.Bucket(key, DeliveryBuckets)), TableKeys.Segment(key), ct);
        return row is not null && row.GetString("Holder") == holder && row.GetBoolean("Done") != true ? row : null;
    }

    private async Task SweepDeliveriesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = Ms(now);
        var due = Interlocked.Read(ref _nextSweepMs);
        if (nowMs < due || Interlocked.CompareExchange(ref _nextSweepMs, nowMs + (long)SweepEvery.TotalMilliseconds, due) != due)
        {
            return;
        }
        var pk = DeliveryPk((Interlocked.Increment(ref _sweptBucket) & int.MaxValue) % DeliveryBuckets);
        var expired = await QueryAsync(_deliveries, TableClient.CreateQueryFilter($"PartitionKey eq {pk} and ExpiresAt le {nowMs}"), 100, ct);
        if (expired.Count == 0)
        {
            return;
        }
        try
        {
            await SubmitAsync(_deliveries, [.. expired.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag))], ct);
        }
        catch (TableTransactionFailedException)
        {
            // One of them was taken over since the query: the next sweep of this bucket deletes the rest.
        }
    }
}
