using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);

    private Task<DeliveryRecord> TakeAsync(string key, string holder, DateTimeOffset at) =>
        Store.TakeDeliveryAsync(new DeliveryClaim(key, holder, at, at + Lease, at + Keep), None);

    [Fact]
    public async Task A_delivery_is_taken_by_one_of_racing_instances_and_the_others_see_it_running()
    {
        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TakeAsync("msteams|c1|a1", $"h{i}", T0)));

        Assert.Equal(1, takes.Count(t => t.State == DeliveryState.Taken));
        Assert.Equal(7, takes.Count(t => t.State == DeliveryState.Running));
        Assert.Equal(DeliveryState.Taken, (await TakeAsync("msteams|c1|a2", "h9", T0)).State);
    }

    [Fact]
    public async Task A_done_delivery_gives_its_answer_to_redeliveries_until_it_expires()
    {
        byte[] answer = [.. Enumerable.Range(0, 20_000).Select(i => (byte)i)];
        await TakeAsync("k1", "a", T0);
        await TakeAsync("k2", "a", T0);
        await Store.CompleteDeliveryAsync("k1", "a", answer, T0 + Keep, None);
        await Store.CompleteDeliveryAsync("k2", "a", null, T0 + Keep, None);

        var again = await TakeAsync("k1", "b", T0.AddMinutes(5));
        Assert.Equal(DeliveryState.Done, again.State);
        Assert.Equal(answer, again.Answer);
        Assert.Equal(new DeliveryRecord(DeliveryState.Done), await TakeAsync("k2", "b", T0.AddMinutes(5)));
        // Expired: a delivery with that key is new again (the row is overwritten or swept).
        Assert.Equal(DeliveryState.Taken, (await TakeAsync("k1", "c", T0 + Keep)).State);
    }

    [Fact]
    public async Task A_released_delivery_is_done_by_the_next_one()
    {
        await TakeAsync("k1", "a", T0);

        await Store.ReleaseDeliveryAsync("k1", "a", None);

        Assert.Equal(DeliveryState.Taken, (await TakeAsync("k1", "b", T0.AddSeconds(1))).State);
    }

    [Fact]
    public async Task A_running_delivery_is_taken_over_after_its_lease_and_its_late_holder_changes_nothing()
    {
        await TakeAsync("k1", "a", T0);
        Assert.Equal(DeliveryState.Running, (await TakeAsync("k1", "b", T0 + Lease - TimeSpan.FromSeconds(1))).State);

        Assert.Equal(DeliveryState.Taken, (await TakeAsync("k1", "b", T0 + Lease)).State);

        // The first holder wakes up: neither its completion nor its release touches b's record.
        await Store.CompleteDeliveryAsync("k1", "a", [1], T0 + Keep, None);
        await Store.ReleaseDeliveryAsync("k1", "a", None);
        Assert.Equal(DeliveryState.Running, (await TakeAsync("k1", "c", T0 + Lease + TimeSpan.FromSeconds(1))).State);
        await Store.CompleteDeliveryAsync("k1", "b", [2], T0 + Lease + Keep, None);
        var done = await TakeAsync("k1", "c", T0 + Lease + TimeSpan.FromSeconds(2));
        Assert.Equal(DeliveryState.Done, done.State);
        Assert.Equal([2], done.Answer);
    }

    [Fact]
    public async Task A_done_delivery_is_never_taken_over_however_long_its_work_took()
    {
        await TakeAsync("k1", "a", T0);
        await Store.CompleteDeliveryAsync("k1", "a", null, T0 + Lease + Keep, None);

        Assert.Equal(DeliveryState.Done, (await TakeAsync("k1", "b", T0 + Lease + TimeSpan.FromMinutes(1))).State);
        await Store.ReleaseDeliveryAsync("k1", "a", None);
        Assert.Equal(DeliveryState.Done, (await TakeAsync("k1", "b", T0 + Lease + TimeSpan.FromMinutes(2))).State);
    }
}
