using System.Text.Json;

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

// One load phase pair, a warm-up then the measured run, on users numbered from FirstUser.
internal sealed record LoadPlan(Uri Target, int Connections, int FirstUser, TimeSpan Warmup, int WarmupMax, TimeSpan Measure, int MeasureMax);

// Runs a plan either here, on the app's own cores, or in a child process of this benchmark pinned to one core with
// taskset (`--generator-cpu N`), so that the generator and the app under test never take each other's core; run the
// benchmark itself under `taskset -c M` with M another core. Either way the warm-up and the measured run happen in
// one generator, so the measured run never pays for the generator's JIT.
internal static class Load
{
    public static async Task<(LoadResult Warm, LoadResult Run)> RunAsync(LoadPlan plan, Clicks clicks, int? generatorCpu, CancellationToken ct)
    {
        if (generatorCpu is not { } cpu)
        {
            var source = clicks.Source();
            var generator = new LoadGenerator(plan.Target, plan.Connections, source.Body, source.IsGood, source.ContentType, source.Sign);
            var warm = await generator.RunAsync(plan.FirstUser, plan.Warmup, plan.WarmupMax, ct);
            var run = await generator.RunAsync(plan.FirstUser + warm.Requests, plan.Measure, plan.MeasureMax, ct);
            return (warm, run);
        }
        return await ChildAsync(plan, clicks, cpu, ct);
    }

    private static async Task<(LoadResult, LoadResult)> ChildAsync(LoadPlan plan, Clicks clicks, int cpu, CancellationToken ct)
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
            var results = JsonSerializer.Deserialize<ChildResults>(await File.ReadAllTextAsync(answer, ct))!;
            return (results.Warm.ToResult(), results.Run.ToResult());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public const string ChildCommand = "load-generator";

    // The child's entry: read the plan, run it here, write both results.
    public static async Task<int> ChildMainAsync(string request, string answer)
    {
        var job = JsonSerializer.Deserialize<ChildPlan>(await File.ReadAllTextAsync(request))!;
        var (warm, run) = await RunAsync(job.Plan, job.Clicks, generatorCpu: null, CancellationToken.None);
        await File.WriteAllTextAsync(answer, JsonSerializer.Serialize(new ChildResults(Wire.Of(warm), Wire.Of(run))));
        return 0;
    }

    private sealed record ChildPlan(LoadPlan Plan, Clicks Clicks);

    private sealed record ChildResults(Wire Warm, Wire Run);

    // Latencies and the start cross as Stopwatch ticks: parent and child run on the same machine, on the same clock.
    private sealed record Wire(double ElapsedSeconds, long Started, long[] Latencies, int Errors, int[] GoodUsers, string? FirstError)
    {
        public static Wire Of(LoadResult r) => new(r.Elapsed.TotalSeconds, r.Started, r.Latencies, r.Errors, [.. r.GoodUsers], r.FirstError);

        public LoadResult ToResult() => new(TimeSpan.FromSeconds(ElapsedSeconds), Latencies, Errors, GoodUsers, FirstError) { Started = Started };
    }
}
