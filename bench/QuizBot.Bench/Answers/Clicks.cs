using System.Text.Json;
using QuizBot.Bench.Hosting;

namespace QuizBot.Bench.Answers;

// What the load generator sends, as data rather than code, so that a generator in its own process (--generator-cpu)
// builds exactly the bytes an in-process one would: a kind ("teams" or "slack") and the few values its bodies need.
internal sealed record Clicks(string Kind, Dictionary<string, string> Values)
{
    public ClickSource Source() => Kind switch
    {
        "teams" => AnswersBench.Source(Values),
        "slack" => Slack.SlackAnswersBench.Source(Values),
        _ => throw new ArgumentException($"Unknown click kind '{Kind}'."),
    };
}

// Request n's body, the headers computed from it before its clock starts (Slack's signature), and what a good answer is.
internal sealed record ClickSource(Func<int, byte[]> Body, Func<ReadOnlyMemory<byte>, bool> IsGood,
    string ContentType = "application/json", Action<HttpRequestMessage, byte[]>? Sign = null);

// One stretch of load on one path: it ends at Duration or after MaxRequests, whichever is first. Floor: the floor
// endpoint rather than the app; Measured: counted, rather than a warm-up.
internal sealed record LoadPhase(Uri Target, TimeSpan Duration, int MaxRequests, bool Floor, bool Measured);

// Phases run one after another by one generator on the same connections, users numbered on from FirstUser.
internal sealed record LoadPlan(int Connections, int FirstUser, IReadOnlyList<LoadPhase> Phases)
{
    // The floor and the app each warmed up, then measured in `slices` alternating pairs (floor, app, floor, app...):
    // a machine whose speed drifts (a shared host, a neighbour's build) then slows both sides alike, rather than
    // whichever happened to run during the slow stretch. For an app whose clicks leave work running after the answer
    // (Slack's verdicts), `slices` 0 measures the floor whole before the app's first click instead.
    public static LoadPlan Of(Uri floor, Uri app, int connections, TimeSpan warmup, int warmupMax, TimeSpan measure, int measureMax, int slices)
    {
        if (slices == 0)
        {
            return new(connections, 1, [new(floor, warmup, warmupMax, true, false), new(floor, measure, measureMax, true, true),
                new(app, warmup, warmupMax, false, false), new(app, measure, measureMax, false, true)]);
        }
        var slice = measure / slices;
        var sliceMax = Math.Max(1, measureMax / slices);
        List<LoadPhase> phases = [new(floor, warmup, warmupMax, true, false), new(app, warmup, warmupMax, false, false)];
        for (var i = 0; i < slices; i++)
        {
            phases.Add(new(floor, slice, sliceMax, true, true));
            phases.Add(new(app, slice, sliceMax, false, true));
        }
        return new(connections, 1, phases);
    }
}

// A plan's results by side: the app's warm-up, and each side's measured phases as one. Ratios: the app's throughput
// over the floor's for each measured pair in turn (one for a plan measured whole).
internal sealed record LoadSides(LoadResult Warm, LoadResult Floor, LoadResult App, IReadOnlyList<double> Ratios, int Errors)
{
    public static LoadSides Of(LoadPlan plan, LoadResult[] results)
    {
        var phases = plan.Phases.Zip(results).ToList();
        var floors = phases.Where(p => p.First is { Floor: true, Measured: true }).Select(p => p.Second).ToList();
        var apps = phases.Where(p => p.First is { Floor: false, Measured: true }).Select(p => p.Second).ToList();
        var warm = LoadResult.Merge([.. phases.Where(p => p.First is { Floor: false, Measured: false }).Select(p => p.Second)]);
        return new(warm, LoadResult.Merge(floors), LoadResult.Merge(apps), [.. floors.Zip(apps, (f, a) => f.PerSecond == 0 ? 0 : a.PerSecond / f.PerSecond)],
            results.Sum(r => r.Errors));
    }

    public double Ratio => Floor.PerSecond == 0 ? 0 : App.PerSecond / Floor.PerSecond;

    public string RatiosText => string.Join(" ", Ratios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
}

// A click benchmark's load, run and read by side: the benchmark process's CPU and allocation per request on each side,
// its peak working set during the load, and the lines every click benchmark prints (`label`: what the app side is).
internal sealed record MeasuredLoad(LoadSides Sides, SideCost FloorCost, SideCost AppCost, double PeakMb)
{
    public static async Task<MeasuredLoad> RunAsync(LoadPlan plan, Clicks clicks, BenchOptions o, string label, TextWriter log, CancellationToken ct)
    {
        using var types = o.AllocTypes ? new AllocationTypes() : null;
        await using var cpu = new CpuMeter();
        LoadSides sides;
        double peakMb;
        await using (var memory = new MemorySampler())
        {
            sides = LoadSides.Of(plan, await Load.RunAsync(plan, clicks, o.GeneratorCpu, ct));
            peakMb = memory.PeakMegabytes;
        }
        var (floor, warm, app) = (sides.Floor, sides.Warm, sides.App);
        log.WriteLine($"floor:   {floor.PerSecond,8:0} req/s  p50 {floor.PercentileMs(50):0.00} ms  p90 {floor.PercentileMs(90):0.00} ms  p99 {floor.PercentileMs(99):0.00} ms  p99.9 {floor.PercentileMs(99.9):0.00} ms  errors {floor.Errors}");
        log.WriteLine($"{label + ":",-8} {app.PerSecond,8:0} req/s  p50 {app.PercentileMs(50):0.00} ms  p90 {app.PercentileMs(90):0.00} ms  p99 {app.PercentileMs(99):0.00} ms  p99.9 {app.PercentileMs(99.9):0.00} ms  errors {app.Errors + warm.Errors}  peak {peakMb:0} MB");
        log.WriteLine($"ratio per measured pair: {sides.RatiosText}");
        if ((app.FirstError ?? warm.FirstError ?? floor.FirstError) is { } firstError)
        {
            log.WriteLine($"first error: {firstError}");
        }
        types?.Report(app, log);
        return new(sides, cpu.Per(floor), cpu.Per(app), peakMb);
    }
}

// Runs a plan either here, on the app's own cores, or in a child process of this benchmark pinned to one core with
// taskset (`--generator-cpu N`), so that the generator and the app under test never take each other's core; run the
// benchmark itself under `taskset -c M` with M another core. Either way all phases run in one generator, so a measured
// phase never pays for the generator's JIT or for connecting.
internal static class Load
{
    public static async Task<LoadResult[]> RunAsync(LoadPlan plan, Clicks clicks, int? generatorCpu, CancellationToken ct)
    {
        if (generatorCpu is not { } cpu)
        {
            var source = clicks.Source();
            var generator = new LoadGenerator(plan.Connections, source.Body, source.IsGood, source.ContentType, source.Sign);
            return await generator.RunAsync(plan.FirstUser, plan.Phases, ct);
        }
        return await ChildAsync(plan, clicks, cpu, ct);
    }

    private static async Task<LoadResult[]> ChildAsync(LoadPlan plan, Clicks clicks, int cpu, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("quizbot-load-");
        try
        {
            var request = Path.Combine(dir.FullName, "plan.json");
            var answer = Path.Combine(dir.FullName, "result.json");
            await File.WriteAllTextAsync(request, JsonSerializer.Serialize(new ChildPlan(plan, clicks)), ct);
            var self = typeof(Load).Assembly.Location;
            var host = Environment.ProcessPath ?? "dotnet";
            // Started through the dotnet host, the assembly is its first argument; an apphost is the program itself.
            string[] program = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, self] : [host];
            var start = new System.Diagnostics.ProcessStartInfo("taskset",
                ["-c", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), .. program, ChildCommand, request, answer]) { UseShellExecute = false };
            using var child = System.Diagnostics.Process.Start(start)
                ?? throw new InvalidOperationException("Could not start the load generator (is taskset installed? Debian: util-linux).");
            await child.WaitForExitAsync(ct);
            if (child.ExitCode != 0 || !File.Exists(answer))
            {
                throw new InvalidOperationException($"The load generator on cpu {cpu} failed with exit code {child.ExitCode}.");
            }
            var results = JsonSerializer.Deserialize<Wire[]>(await File.ReadAllTextAsync(answer, ct))!;
            return [.. results.Select(r => r.ToResult())];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public const string ChildCommand = "load-generator";

    // The child's entry: read the plan, run it here, write every phase's result.
    public static async Task<int> ChildMainAsync(string request, string answer)
    {
        var job = JsonSerializer.Deserialize<ChildPlan>(await File.ReadAllTextAsync(request))!;
        var results = await RunAsync(job.Plan, job.Clicks, generatorCpu: null, CancellationToken.None);
        await File.WriteAllTextAsync(answer, JsonSerializer.Serialize(results.Select(Wire.Of).ToArray()));
        return 0;
    }

    private sealed record ChildPlan(LoadPlan Plan, Clicks Clicks);

    // Latencies and the phase's start and end cross as Stopwatch ticks: parent and child run on the same machine, on the
    // same clock.
    private sealed record Wire(double ElapsedSeconds, long Started, long Ended, long[] Latencies, int Errors, int[] GoodUsers, string? FirstError)
    {
        public static Wire Of(LoadResult r) => new(r.Elapsed.TotalSeconds, r.Windows[0].Started, r.Windows[^1].Ended, r.Latencies, r.Errors, [.. r.GoodUsers], r.FirstError);

        public LoadResult ToResult() => new(TimeSpan.FromSeconds(ElapsedSeconds), Latencies, Errors, GoodUsers, FirstError, [(Started, Ended)]);
    }
}
