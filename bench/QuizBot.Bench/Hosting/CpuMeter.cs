using System.Diagnostics;

namespace QuizBot.Bench.Hosting;

// What a side of a run cost the benchmark process, per request: CPU (every thread, user and kernel), bytes allocated,
// and the share of its wall time the GC held the process paused, with the gen1 and gen2 collections per second.
internal readonly record struct SideCost(double CpuUs, double AllocKb, double GcPausePct, double Gen1PerS, double Gen2PerS);

// This process's CPU time (every thread, user and kernel), allocated bytes (every thread) and GC pauses, sampled every 20 ms
// on the Stopwatch clock, so that what a measured run cost can be read afterwards from its start and end alone,
// leaving out its warm-up (and the JIT that goes with it) even when the generator ran in another process.
internal sealed class CpuMeter : IAsyncDisposable
{
    private readonly List<Reading> _samples = [];

    private readonly record struct Reading(long At, TimeSpan Cpu, long Allocated, TimeSpan Paused, int Gen1, int Gen2);
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
            _samples.Add(new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(),
                GC.GetTotalPauseDuration(), GC.CollectionCount(1), GC.CollectionCount(2)));
        }
    }

    // A run's cost over its windows (each to within a sample).
    public SideCost Per(Answers.LoadResult run)
    {
        Sample();
        lock (_samples)
        {
            var (cpu, allocated, paused, gen1, gen2, wall) = (TimeSpan.Zero, 0L, TimeSpan.Zero, 0, 0, 0L);
            foreach (var (from, to) in run.Windows)
            {
                var first = _samples.FindLast(s => s.At <= from);
                var last = _samples.Find(s => s.At >= to);
                if (first.At == 0 || last.At == 0)
                {
                    return default;
                }
                cpu += last.Cpu - first.Cpu;
                allocated += last.Allocated - first.Allocated;
                paused += last.Paused - first.Paused;
                (gen1, gen2, wall) = (gen1 + last.Gen1 - first.Gen1, gen2 + last.Gen2 - first.Gen2, wall + last.At - first.At);
            }
            var seconds = (double)wall / Stopwatch.Frequency;
            return run.Requests == 0 || seconds == 0 ? default
                : new(cpu.TotalMicroseconds / run.Requests, allocated / 1024.0 / run.Requests, 100 * paused.TotalSeconds / seconds,
                    gen1 / seconds, gen2 / seconds);
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
    // GC: the share of wall time the process was paused, and gen1 and gen2 collections per second (gen1 counts gen2s too).
    public static BenchLine AddCost(this BenchLine line, SideCost app, SideCost floor) => line
        .Add("cpu_us", app.CpuUs, "0")
        .Add("floor_cpu_us", floor.CpuUs, "0")
        .Add("alloc_kb", app.AllocKb, "0.0")
        .Add("floor_alloc_kb", floor.AllocKb, "0.0")
        .Add("gc_pause_pct", app.GcPausePct, "0.0")
        .Add("floor_gc_pause_pct", floor.GcPausePct, "0.0")
        .Add("gen1_per_s", app.Gen1PerS, "0.0")
        .Add("gen2_per_s", app.Gen2PerS, "0.0");
}
