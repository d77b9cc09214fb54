namespace QuizBot.Storage;

// The channel deliveries (Teams activities, Slack events) some instance has taken, so that a redelivery landing on any
// instance does not run the work again. A record lives until it expires (and is then swept or taken over); one still
// running holds a lease, after which a redelivery takes it over: its holder may have crashed mid-work.
internal interface IDeliveryStore
{
    // Taken: the caller now holds the delivery and must complete or release it. Otherwise what the record says.
    Task<DeliveryRecord> TakeDeliveryAsync(DeliveryClaim claim, CancellationToken ct);

    // The holder did the work: redeliveries get its answer (null: none) until expires. A holder whose lease was taken
    // over changes nothing.
    Task CompleteDeliveryAsync(string key, string holder, byte[]? answer, DateTimeOffset expires, CancellationToken ct);

    // The holder failed: its record goes, so the next redelivery does the work.
    Task ReleaseDeliveryAsync(string key, string holder, CancellationToken ct);
}

// Holder names this one attempt (not the instance), so a late attempt can never complete or release a takeover's record.
internal sealed record DeliveryClaim(string Key, string Holder, DateTimeOffset Now, DateTimeOffset LeaseEnds, DateTimeOffset Expires);

internal enum DeliveryState
{
    Taken,
    Running,
    Done,
}

internal sealed record DeliveryRecord(DeliveryState State, byte[]? Answer = null)
{
    public static readonly DeliveryRecord Taken = new(DeliveryState.Taken);
    public static readonly DeliveryRecord Running = new(DeliveryState.Running);
}
