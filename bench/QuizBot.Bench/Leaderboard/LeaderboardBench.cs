using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Templating;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Channels.Teams;

namespace QuizBot.Bench.Leaderboard;

// Reading and rendering a board (Leaderboards.BoardAsync + RoundCards.Board, serialized to JSON) for a conversation
// of M members, a week's and an all-time board, once with a short history and once with a long one: the time
// must depend on neither the history nor, much, the member count.
internal static class LeaderboardBench
{
    // Above this many answers the real seeding path would take minutes; the direct one is used (see BoardSeeder).
    private const long RealSeedLimit = 1_000_000;
    private const int ShortHistory = 10;

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        if (o.Store == "tables")
        {
            return await RunOnTablesAsync(o, log, ct);
        }
        var members = o.Smoke ? Math.Min(o.Members, 50) : o.Members;
        var history = o.Smoke ? Math.Min(o.History, 12) : o.History;
        var iterations = o.Smoke ? 5 : 200;
        var dir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        try
        {
            var dbPath = Path.Combine(dir, "quizbot.db");
            var store = GuardedQuizStore.Over(new SqliteQuizStore(dbPath));
            var banks = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks"));
            var bank = banks.All.First();
            var seeder = new BoardSeeder(dbPath, store, bank);
            // Monday 5 Jan 2026: the history runs daily from here, and "now" is two hours after the last post.
            var firstDay = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var time = new FakeTimeProvider(BoardSeeder.Slot(firstDay, history - 1).AddHours(2));
            var boards = new Leaderboards(store, store, banks, time);
            var cards = new RoundCards(CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards", "teams")));

            var real = (long)members * (history + ShortHistory) <= RealSeedLimit;
            var seedClock = Stopwatch.StartNew();
            const string Long = "msteams:19:board-long@thread.tacv2", Short = "msteams:19:board-short@thread.tacv2";
            var shortFirstDay = firstDay.AddDays(history - ShortHistory);
            if (real)
            {
                await seeder.SeedRealAsync(Long, members, history, firstDay, ct);
                await seeder.SeedRealAsync(Short, members, Math.Min(ShortHistory, history), shortFirstDay, ct);
            }
            else
            {
                await seeder.SeedDirectAsync(Long, members, history, firstDay, ct);
                await seeder.SeedDirectAsync(Short, members, Math.Min(ShortHistory, history), shortFirstDay, ct);
            }
            var seedSeconds = seedClock.Elapsed.TotalSeconds;
            log.WriteLine($"leaderboard: {members} members, {history} and {Math.Min(ShortHistory, history)} past questions, seeded {(real ? "through ClosePostAsync" : "directly")} in {seedSeconds:0.0} s");

            var line = new BenchLine().Add("members", members).Add("history", history);
            var (longWeek, longAll) = await MeasureAsync(Long, boards, cards, members, iterations, ct);
            var (shortWeek, shortAll) = await MeasureAsync(Short, boards, cards, members, iterations, ct);
            var all = longWeek.Concat(longAll).Order().ToArray();
            var shortBoth = shortWeek.Concat(shortAll).Order().ToArray();
            log.WriteLine($"  {history} questions: week p50 {P(longWeek, 50):0.00} ms p95 {P(longWeek, 95):0.00} ms, all-time p50 {P(longAll, 50):0.00} ms p95 {P(longAll, 95):0.00} ms");
            log.WriteLine($"  {Math.Min(ShortHistory, history)} questions: week p50 {P(shortWeek, 50):0.00} ms p95 {P(shortWeek, 95):0.00} ms, all-time p50 {P(shortAll, 50):0.00} ms p95 {P(shortAll, 95):0.00} ms");
            line.Add("p50_ms", P(all, 50), "0.00").Add("p95_ms", P(all, 95), "0.00")
                .Add("week_p50_ms", P(longWeek, 50), "0.00").Add("all_p50_ms", P(longAll, 50), "0.00")
                .Add($"h{Math.Min(ShortHistory, history)}_p50_ms", P(shortBoth, 50), "0.00").Add($"h{Math.Min(ShortHistory, history)}_p95_ms", P(shortBoth, 95), "0.00")
                .Add("seed", real ? "real" : "direct").Add("seed_s", seedSeconds, "0.0");

            if (o.Smoke)
            {
                // The direct seeding must produce exactly the boards the real path does.
                const string Direct = "msteams:19:board-direct@thread.tacv2";
                await seeder.SeedDirectAsync(Direct, members, history, firstDay, ct);
                var same = true;
                foreach (var period in new[] { Periods.All, Periods.Week(time.GetUtcNow(), TimeZoneInfo.Utc), Periods.Month(time.GetUtcNow(), TimeZoneInfo.Utc) })
                {
                    var a = await store.GetBoardAsync(Long, period, members, "msteams:29:member-0", ct);
                    var b = await store.GetBoardAsync(Direct, period, members, "msteams:29:member-0", ct);
                    same &= a.Members == b.Members && a.Members > 0 && a.Top.SequenceEqual(b.Top);
                    // Ranks read from outside the top (top 0) come from the points counts each seeding kept.
                    for (var m = 0; m < members; m += 7)
                    {
                        var who = $"msteams:29:member-{m}";
                        same &= Equals((await store.GetBoardAsync(Long, period, 0, who, ct)).Me, (await store.GetBoardAsync(Direct, period, 0, who, ct)).Me);
                    }
                }
                line.Add("equivalent", same ? "yes" : "no");
                // The board read must show the right people: the first row has the most points of everyone.
                var board = await boards.BoardAsync(Long, "all", null, ct);
                var best = Enumerable.Range(0, members).Max(m => Enumerable.Range(0, history).Count(q => BoardSeeder.Answer(bank, m, q).Correct));
                line.Add("top_points", board.Rows[0].Points).Add("expected_top_points", best).Add("board_members", board.Members);
            }
            return line;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    // Correctness of the Tables path: the same history written through TableQuizStore on an Azurite (every answer through
    // AddPostAnswerAsync, every post closed through ClosePostAsync) must give exactly the boards the in-memory folding
    // gives on SQLite. Azurite is no performance reference: the times are printed, not judged.
    private static async Task<BenchLine> RunOnTablesAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var members = Math.Min(o.Members, o.Smoke ? 30 : 300);
        var history = Math.Min(o.History, o.Smoke ? 4 : 12);
        var dir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        using var azurite = Hosting.AzuriteProcess.Start();
        try
        {
            var options = new QuizBot.Storage.Tables.TableStoreOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "Bench" };
            var tables = new QuizBot.Storage.Tables.TableQuizStore(options.CreateServiceClient(), options);
            await tables.InitializeAsync(ct);
            var dbPath = Path.Combine(dir, "quizbot.db");
            var sqlite = new SqliteQuizStore(dbPath);
            var banks = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks"));
            var bank = banks.All.First();
            var firstDay = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var time = new FakeTimeProvider(BoardSeeder.Slot(firstDay, history - 1).AddHours(2));
            const string Conversation = "msteams:19:board-tables@thread.tacv2";
            var seedClock = Stopwatch.StartNew();
            await new BoardSeeder(dbPath, tables, bank).SeedRealAsync(Conversation, members, history, firstDay, ct, throughStore: true);
            var seedSeconds = seedClock.Elapsed.TotalSeconds;
            await new BoardSeeder(dbPath, sqlite, bank).SeedDirectAsync(Conversation, members, history, firstDay, ct);
            log.WriteLine($"leaderboard (tables): {members} members, {history} past questions, seeded through TableQuizStore in {seedSeconds:0.0} s");

            var same = true;
            foreach (var period in new[] { Periods.All, Periods.Week(time.GetUtcNow(), TimeZoneInfo.Utc), Periods.Month(time.GetUtcNow(), TimeZoneInfo.Utc) })
            {
                for (var m = 0; m < members; m += Math.Max(1, members / 10))
                {
                    var a = await tables.GetBoardAsync(Conversation, period, 10, $"msteams:29:member-{m}", ct);
                    var b = await sqlite.GetBoardAsync(Conversation, period, 10, $"msteams:29:member-{m}", ct);
                    same &= a.Members == b.Members && a.Top.SequenceEqual(b.Top) && Equals(a.Me, b.Me);
                }
            }
            var cards = new RoundCards(CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards", "teams")));
            var (week, all) = await MeasureAsync(Conversation, new Leaderboards(tables, tables, banks, time), cards, members, o.Smoke ? 5 : 100, ct);
            var both = week.Concat(all).Order().ToArray();
            log.WriteLine($"  boards equal to the SQLite reference: {same}; read+render on Azurite p50 {P(both, 50):0.00} ms p95 {P(both, 95):0.00} ms (not a performance reference)");
            return new BenchLine().Add("store", "tables").Add("members", members).Add("history", history).Add("equivalent", same ? "yes" : "no")
                .Add("p50_ms", P(both, 50), "0.00").Add("p95_ms", P(both, 95), "0.00").Add("seed_s", seedSeconds, "0.0");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double[] Week, double[] All)> MeasureAsync(string conversation, Leaderboards boards, RoundCards cards, int members, int iterations, CancellationToken ct)
    {
        var week = new List<double>();
        var all = new List<double>();
        for (var i = -iterations / 10; i < iterations; i++)
        {
            // A different member asks each time, mostly one outside the top ten: their own row is looked up too.
            var who = new Participant($"msteams:29:member-{(long)(i + iterations) * 7919 % members}", "Someone");
            foreach (var (span, sink) in new[] { ("week", week), ("all", all) })
            {
                var started = Stopwatch.GetTimestamp();
                var json = cards.Board(await boards.BoardAsync(conversation, span, who, ct)).ToJsonString();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (json.Length < 10)
                {
                    throw new InvalidOperationException("The board rendered to nothing.");
                }
                if (i >= 0)
                {
                    sink.Add(ms);
                }
            }
        }
        return ([.. week.Order()], [.. all.Order()]);
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
