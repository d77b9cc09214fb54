using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace QuizBot.Bench.Micro;

internal static class MicroBench
{
    private static readonly Type[] Types = [typeof(CardBindingBenchmarks), typeof(AnswerPathBenchmarks)];

    // In-process toolchain: BenchmarkDotNet would otherwise generate and build a project inside this repository,
    // where the repository's build rules (central packages, warnings as errors) apply to code it writes.
    public static int RunBenchmarkDotNet(string[] args)
    {
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
        var summaries = BenchmarkSwitcher.FromTypes(Types).Run(args.Length == 0 ? ["--filter", "*"] : args, config).ToList();
        var line = new BenchLine().Add("benchmarks", summaries.Sum(s => s.Reports.Length));
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            line.Add($"{name}_us", (report.ResultStatistics?.Median ?? double.NaN) / 1000, "0.00");
            line.Add($"{name}_bytes", report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0);
        }
        Console.WriteLine(line);
        return summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success)) ? 0 : 1;
    }

    // Smoke: every benchmark method once, in this process, after its setup; a throw is a failure.
    public static async Task<BenchLine> RunSmokeAsync(TextWriter log, CancellationToken ct)
    {
        var ok = 0;
        var total = 0;
        foreach (var type in Types)
        {
            var instance = Activator.CreateInstance(type)!;
            Invoke<GlobalSetupAttribute>(type, instance);
            try
            {
                foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                {
                    ct.ThrowIfCancellationRequested();
                    total++;
                    var result = method.Invoke(instance, null);
                    if (result is Task task)
                    {
                        await task;
                        result = task.GetType().GetProperty("Result")?.GetValue(task);
                    }
                    var shown = result is System.Text.Json.Nodes.JsonNode node ? node.ToJsonString() : Convert.ToString(result, CultureInfo.InvariantCulture);
                    if (string.IsNullOrEmpty(shown))
                    {
                        throw new InvalidOperationException($"{type.Name}.{method.Name} returned nothing.");
                    }
                    log.WriteLine($"micro: {type.Name}.{method.Name} -> {shown.Length} chars");
                    ok++;
                }
            }
            finally
            {
                Invoke<GlobalCleanupAttribute>(type, instance);
            }
        }
        return new BenchLine().Add("benchmarks", total).Add("ok", ok);
    }

    private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }
}
