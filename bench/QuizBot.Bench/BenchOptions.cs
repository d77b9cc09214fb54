using System.Globalization;

namespace QuizBot.Bench;

// The command line: one benchmark name, then --name value pairs and the --smoke and --alloc-types flags.
internal sealed record BenchOptions(
    string Benchmark,
    double Seconds = 10,
    int Connections = 64,
    int Conversations = 1000,
    int Members = 10_000,
    int History = 60,
    int Days = 365,
    string Store = "sqlite",
    double Wait = 60,
    bool Smoke = false,
    int? GeneratorCpu = null,
    double? WarmupSeconds = null,
    bool AllocTypes = false)
{
    public static readonly string[] Benchmarks = ["answers", "dashboard", "fanout", "import", "leaderboard", "micro", "refold", "slack-answers", "slack-fanout"];

    public const string Usage =
        "usage: QuizBot.Bench <answers|dashboard|fanout|import|leaderboard|micro|refold|slack-answers|slack-fanout> [--seconds 10] [--connections 64] " +
        "[--conversations 1000] [--members 10000] [--history 60] [--days 365] [--store sqlite|tables] [--wait 60] [--generator-cpu N] [--warmup S] [--alloc-types] [--smoke]";

    // The load benchmarks' shape: connections, measured time and warm-up (a fifth of it, 1 to 3 s). Smoke runs few
    // connections and a fixed number of requests instead, so the time limits there are only a safety net.
    public int LoadConnections => Smoke ? Math.Min(Connections, 4) : Connections;

    public TimeSpan Measure => Smoke ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(Seconds);

    // The floor and the app are measured in alternating slices of about a second each (one pair in a smoke run).
    public int Slices => Smoke ? 1 : Math.Max(1, (int)Math.Round(Seconds));

    // --warmup S overrides it: the JIT's tiering under a steady load can take far longer than 3 s to settle.
    public TimeSpan Warmup => Smoke ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(WarmupSeconds ?? Math.Clamp(Seconds / 5, 1, 3));

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Benchmarks.Contains(args[0]))
        {
            throw new ArgumentException(Usage);
        }
        var o = new BenchOptions(args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            o = args[i] switch
            {
                "--seconds" => o with { Seconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--connections" => o with { Connections = Positive(Value()) },
                "--conversations" => o with { Conversations = Positive(Value()) },
                "--members" => o with { Members = Positive(Value()) },
                "--history" => o with { History = Positive(Value()) },
                "--days" => o with { Days = Positive(Value()) },
                "--wait" => o with { Wait = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--store" => o with { Store = Value().ToLowerInvariant() },
                "--smoke" => o with { Smoke = true },
                "--alloc-types" => o with { AllocTypes = true },
                "--generator-cpu" => o with { GeneratorCpu = Cpu(Value()) },
                "--warmup" => o with { WarmupSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }
        return o;
    }

    private static int Cpu(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{text}' is not a cpu number.");

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a positive number.");
}
