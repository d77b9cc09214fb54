using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Charts;
using QuizBot.Quizzes;
using QuizBot.Storage;

namespace QuizBot.Bench.Dashboard;

// Server time of the dashboard's chart pages (RenderAsync: the store reads, the aggregation and the SVG and tables)
// for one conversation of `--members` people and a year (`--days`) of daily questions on SQLite: participation over 12
// and 52 weeks, questions sorted by most missed and by most recent.
internal static class DashboardBench
{
    private const string Conversation = "msteams:19:dashboard@thread.tacv2";

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var members = o.Smoke ? Math.Min(o.Members, 60) : o.Members;
        var days = o.Smoke ? Math.Min(o.Days, 30) : o.Days;
        var iterations = o.Smoke ? 5 : 200;
        var dir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        try
        {
            var dbPath = Path.Combine(dir, "quizbot.db");
            var store = GuardedQuizStore.Over(new SqliteQuizStore(dbPath));
            var banks = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks"));
            var bank = banks.All.First();
            var seeder = new DashboardSeeder(dbPath, store, bank);
            var firstDay = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
            // "Now" is an hour after the last post closed.
            var time = new FakeTimeProvider(DashboardSeeder.Slot(firstDay, days - 1).AddHours(9));
            var participation = new ParticipationPage(new Participation(store, store, time));
            var questions = new QuestionsPage(new QuestionStats(store, banks));

            var clock = Stopwatch.StartNew();
            // The real close path costs about 6 statements per answer: only the smoke run (a few thousand answers) takes it.
            var answers = await seeder.SeedAsync(Conversation, members, days, firstDay, real: o.Smoke, ct);
            var seedSeconds = clock.Elapsed.TotalSeconds;
            log.WriteLine($"dashboard: {members} members, {days} daily questions, {answers} answers, seeded {(o.Smoke ? "through ClosePostAsync" : "directly")} in {seedSeconds:0.0} s");

            var line = new BenchLine().Add("members", members).Add("days", days).Add("answers", answers);
            var cases = new (string Name, IDashboardPage Page, string Key, string Value)[]
            {
                ("participation12", participation, "weeks", "12"),
                ("participation52", participation, "weeks", "52"),
                ("questions_missed", questions, "sort", "missed"),
                ("questions_recent", questions, "sort", "recent"),
            };
            var worst = 0.0;
            foreach (var (name, page, key, value) in cases)
            {
                var (times, html) = await MeasureAsync(page, Conversation, key, value, iterations, ct);
                log.WriteLine($"  {name}: p50 {P(times, 50):0.00} ms, p95 {P(times, 95):0.00} ms, {html.Length / 1024.0:0} KiB, {Count(html, "<circle class=\"point\"")} points, {Count(html, "<rect class=\"bar")} bars");
                line.Add($"{name}_p50_ms", P(times, 50), "0.00").Add($"{name}_p95_ms", P(times, 95), "0.00");
                worst = Math.Max(worst, P(times, 95));
                if (name == "participation52")
                {
                    line.Add("points52", Count(html, "<circle class=\"point\""));
                }
            }
            line.Add("p95_ms", worst, "0.00").Add("seed", o.Smoke ? "real" : "direct").Add("seed_s", seedSeconds, "0.0");

            if (o.Smoke)
            {
                // The direct seeding must give exactly the pages the real close path gives.
                const string Direct = "msteams:19:dashboard-direct@thread.tacv2";
                await seeder.SeedAsync(Direct, members, days, firstDay, real: false, ct);
                var same = true;
                foreach (var (_, page, key, value) in cases)
                {
                    var a = await RenderAsync(page, Conversation, key, value, ct);
                    var b = (await RenderAsync(page, Direct, key, value, ct)).Replace(Uri.EscapeDataString(Direct), Uri.EscapeDataString(Conversation), StringComparison.Ordinal);
                    same &= a == b;
                }
                line.Add("equivalent", same ? "yes" : "no");
                var data = await new Participation(store, store, time).ReadAsync(Conversation, 12, ct);
                line.Add("charted_answers", data.Days.Sum(d => d.Answers)).Add("active_last_week", data.Weeks[^1].Members);
            }
            return line;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double[] Times, string Html)> MeasureAsync(IDashboardPage page, string conversation, string key, string value, int iterations, CancellationToken ct)
    {
        var times = new List<double>();
        var html = "";
        for (var i = -Math.Max(1, iterations / 10); i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            html = await RenderAsync(page, conversation, key, value, ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                times.Add(ms);
            }
        }
        return ([.. times.Order()], html);
    }

    private static Task<string> RenderAsync(IDashboardPage page, string conversation, string key, string value, CancellationToken ct) =>
        page.RenderAsync(new DashboardRequest(conversation, "msteams:29:manager", DashboardRole.Manager, new Dictionary<string, string> { [key] = value }), ct);

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
