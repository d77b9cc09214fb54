using System.Diagnostics;

namespace QuizBot.Bench.Hosting;

// CPU time this process used (every thread, user and kernel) and bytes it allocated (every thread) since Start.
internal readonly struct CpuMeter
{
    private readonly TimeSpan _cpu;
    private readonly long _allocated;

    private CpuMeter(TimeSpan cpu, long allocated) => (_cpu, _allocated) = (cpu, allocated);

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes());

    public double MicrosecondsPer(int requests) =>
        requests == 0 ? 0 : (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalMicroseconds / requests;

    public double KilobytesPer(int requests) => requests == 0 ? 0 : (GC.GetTotalAllocatedBytes() - _allocated) / 1024.0 / requests;
}
