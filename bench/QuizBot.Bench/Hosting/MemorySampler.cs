namespace QuizBot.Bench.Hosting;

// The process's working set, sampled while a phase runs; the peak is what a host would have to provision.
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler() => _loop = LoopAsync();

    public double PeakMegabytes => Math.Max(Volatile.Read(ref _peak), Environment.WorkingSet) / (1024.0 * 1024.0);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            var now = Environment.WorkingSet;
            if (now > Volatile.Read(ref _peak))
            {
                Volatile.Write(ref _peak, now);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
