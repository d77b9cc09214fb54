using System.Diagnostics;

namespace QuizBot.Bench.Hosting;

// This process's CPU time (every thread, user and kernel) and allocated bytes (every thread), sampled every 20 ms
// on the Stopwatch clock, so that what a measured run cost can be read afterwards from its start and end alone,
// leaving out its warm-up (and the JIT that goes with it) even when the generator ran in another process.
internal sealed class CpuMeter : IAsyncDisposable
{
    private readonly List<(long At, TimeSpan Cpu, long Allocated)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CpuMeter()
    {
        Sample();
        _loop = LoopAsync();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        lock (_samples)
        {
            _samples.Add((Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes()));
        }
    }

    // CPU microseconds and allocated kilobytes per request between two Stopwatch timestamps (to within a sample).
    public (double CpuUs, double AllocKb) Per(long from, long to, int requests)
    {
        Sample();
        lock (_samples)
        {
            var first = _samples.FindLast(s => s.At <= from);
            var last = _samples.Find(s => s.At >= to);
            if (first.At == 0 || last.At == 0 || requests == 0)
            {
                return (0, 0);
            }
            return ((last.Cpu - first.Cpu).TotalMicroseconds / requests, (last.Allocated - first.Allocated) / 1024.0 / requests);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
