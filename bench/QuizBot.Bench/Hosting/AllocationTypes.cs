using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace QuizBot.Bench.Hosting;

// `--alloc-types`: what a click benchmark's app side allocates, by type. The runtime samples an allocation about every
// 100 KB (its AllocationTick event, with the type that crossed the mark), so over a run of seconds the samples add up
// to a fair split of the bytes per request; only samples inside the app's measured windows count.
internal sealed class AllocationTypes : EventListener
{
    private const int AllocationTick = 10;
    private readonly List<(long At, string Type, long Bytes)> _ticks = new(100_000);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId != AllocationTick || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }
        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var bytes = e.PayloadNames.IndexOf("AllocationAmount64") is var b and >= 0 ? Convert.ToInt64(e.Payload[b], System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (_ticks)
        {
            _ticks.Add((Stopwatch.GetTimestamp(), type, bytes));
        }
    }

    public void Report(Answers.LoadResult run, TextWriter log, int top = 30)
    {
        List<(long At, string Type, long Bytes)> ticks;
        lock (_ticks)
        {
            ticks = [.. _ticks.Where(s => run.Windows.Any(w => s.At >= w.Started && s.At < w.Ended))];
        }
        var total = ticks.Sum(s => s.Bytes);
        if (total == 0 || run.Requests == 0)
        {
            log.WriteLine("alloc types: no samples in the measured windows");
            return;
        }
        log.WriteLine($"alloc types: {ticks.Count} samples, {total / 1024.0 / run.Requests:0.00} KB per request; the top {top}:");
        foreach (var (type, bytes) in ticks.GroupBy(s => s.Type).Select(g => (g.Key, g.Sum(s => s.Bytes))).OrderByDescending(g => g.Item2).Take(top))
        {
            log.WriteLine($"  {bytes / (double)run.Requests,7:0} B  {100.0 * bytes / total,5:0.0}%  {type}");
        }
    }
}
