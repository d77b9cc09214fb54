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

    // CPU microseconds and allocated kilobytes per request over a run's windows (each to within a sample).
    public (double CpuUs, double AllocKb) Per(Answers.LoadResult run)
    {
        Sample();
        lock (_samples)
        {
            var (cpu, allocated) = (TimeSpan.Zero, 0L);
            foreach (var (from, to) in run.Windows)
            {
                var first = _samples.FindLast(s => s.At <= from);
                var last = _samples.Find(s => s.At >= to);
                if (first.At == 0 || last.At == 0)
                {
                    return (0, 0);
                }
                (cpu, allocated) = (cpu + (last.Cpu - first.Cpu), allocated + (last.Allocated - first.Allocated));
            }
            return run.Requests == 0 ? (0, 0) : (cpu.TotalMicroseconds / run.Requests, allocated / 1024.0 / run.Requests);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

internal static class CostLines
{
    // CPU time the benchmark process spent per request in the measured run, app side and floor side: with the generator
    // in its own process (--generator-cpu) that is the server's own cost, steadier than a rate on a shared machine
    // (in-process it includes the generator's); and bytes allocated per request, the same way.
    public static BenchLine AddCost(this BenchLine line, (double CpuUs, double AllocKb) app, (double CpuUs, double AllocKb) floor) => line
        .Add("cpu_us", app.CpuUs, "0")
        .Add("floor_cpu_us", floor.CpuUs, "0")
        .Add("alloc_kb", app.AllocKb, "0.0")
        .Add("floor_alloc_kb", floor.AllocKb, "0.0");
}
