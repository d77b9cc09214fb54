namespace QuizBot.Bench;

// `dotnet run -c Release --project bench/QuizBot.Bench -- <benchmark> [options]`: runs one benchmark, prints what it sees
// on the way, and ends with one key=value line for scripts.
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 3 && args[0] == Answers.Load.ChildCommand)
        {
            // The load generator in its own process (--generator-cpu): plan file in, result file out.
            return await Answers.Load.ChildMainAsync(args[1], args[2]);
        }
        if (args.Length > 0 && args[0] == "micro" && !args.Contains("--smoke"))
        {
            // BenchmarkDotNet reads the rest of the line itself (--filter, --job, ...) and prints its own tables.
            return Micro.MicroBench.RunBenchmarkDotNet(args[1..]);
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var line = await RunAsync(options, Console.Out, CancellationToken.None);
        Console.Out.WriteLine(line);
        return 0;
    }

    // In-process entry, also used by the smoke tests.
    public static Task<BenchLine> RunAsync(BenchOptions options, TextWriter log, CancellationToken ct) => options.Benchmark switch
    {
        "answers" => Answers.AnswersBench.RunAsync(options, log, ct),
        "dashboard" => Dashboard.DashboardBench.RunAsync(options, log, ct),
        "fanout" => Fanout.FanoutBench.RunAsync(options, log, ct),
        "import" => Import.ImportBench.RunAsync(options, log, ct),
        "leaderboard" => Leaderboard.LeaderboardBench.RunAsync(options, log, ct),
        "micro" => Micro.MicroBench.RunSmokeAsync(log, ct),
        "refold" => Refold.RefoldBench.RunAsync(options, log, ct),
        "slack-answers" => Slack.SlackAnswersBench.RunAsync(options, log, ct),
        "slack-fanout" => Slack.SlackFanoutBench.RunAsync(options, log, ct),
        _ => throw new ArgumentException(BenchOptions.Usage),
    };
}
