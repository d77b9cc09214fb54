namespace QuizBot.Storage;

// deliveries: one row per taken delivery. Every take first deletes the rows that have expired (an index on expires_at
// keeps that cheap), so the table holds only the deliveries of the last Keep.
internal sealed partial class SqliteQuizStore
{
    public async Task<DeliveryRecord> TakeDeliveryAsync(DeliveryClaim claim, CancellationToken ct)
    {
        var now = claim.Now.ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(ct);
        // IMMEDIATE: two processes on one file take the same key one after the other.
        await using var tx = connection.BeginTransaction(deferred: false);
        await ExecAsync(connection, tx, "DELETE FROM deliveries WHERE expires_at <= $now", ct, ("$now", now));
        var taken = await ExecAsync(connection, tx, """
            INSERT INTO deliveries (key, holder, done, lease_ends, expires_at, answer) VALUES ($key, $holder, 0, $lease, $expires, NULL)
            ON CONFLICT (key) DO UPDATE SET holder = $holder, lease_ends = $lease, expires_at = $expires
            WHERE done = 0 AND lease_ends <= $now
            """, ct,
            ("$key", claim.Key), ("$holder", claim.Holder), ("$lease", claim.LeaseEnds.ToUnixTimeMilliseconds()),
            ("$expires", claim.Expires.ToUnixTimeMilliseconds()), ("$now", now));
        DeliveryRecord record;
        if (taken == 1)
        {
            record = DeliveryRecord.Taken;
        }
        else
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT done, answer FROM deliveries WHERE key = $key";
            cmd.Parameters.AddWithValue("$key", claim.Key);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            record = r.GetInt32(0) == 1 ? new DeliveryRecord(DeliveryState.Done, r.IsDBNull(1) ? null : (byte[])r.GetValue(1)) : DeliveryRecord.Running;
        }
        await tx.CommitAsync(ct);
        return record;
    }

    public async Task CompleteDeliveryAsync(string key, string holder, byte[]? answer, DateTimeOffset expires, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecAsync(connection, null, "UPDATE deliveries SET done = 1, answer = $answer, expires_at = $expires WHERE key = $key AND holder = $holder",
            ct, ("$key", key), ("$holder", holder), ("$answer", answer), ("$expires", expires.ToUnixTimeMilliseconds()));
    }

    public async Task ReleaseDeliveryAsync(string key, string holder, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecAsync(connection, null, "DELETE FROM deliveries WHERE key = $key AND holder = $holder AND done = 0", ct,
            ("$key", key), ("$holder", holder));
    }
}
