using System.Diagnostics;
using Microsoft.Data.Sqlite;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Bench.Leaderboard;

namespace QuizBot.Bench.Refold;

// A dispute accepted as void in a big conversation: M members answered `history` daily questions (seeded through
// ClosePostAsync, as the scheduler closes them), and the middle one is voided with IRoundStore.RevisePostAsync. Every
// board of the conversation must then equal the boards of a second conversation seeded with the same answers but
// without that question. Then the void is undone (revised back to its own key) and the boards must be the original
// ones again; that is timed too. Each repetition does both, on the same post.
internal static class RefoldBench
{
    private const string Conversation = "msteams:19:refold@thread.tacv2";
    private const string Reference = "msteams:19:refold-reference@thread.tacv2";

    public static async Task<BenchLine> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct)
    {
        var onTables = o.Store == "tables";
        var members = o.Smoke ? Math.Min(o.Members, 40) : o.Members;
        var history = Math.Min(o.History, o.Smoke ? 4 : 10);
        var repetitions = o.Smoke ? 1 : 3;
        var dir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        using var azurite = onTables ? Hosting.AzuriteProcess.Start() : null;
        try
        {
            var dbPath = Path.Combine(dir, "quizbot.db");
            IQuizStore store;
            if (azurite is not null)
            {
                var options = new QuizBot.Storage.Tables.TableStoreOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "Bench" };
                var tables = new QuizBot.Storage.Tables.TableQuizStore(options.CreateServiceClient(), options);
                await tables.InitializeAsync(ct);
                store = GuardedQuizStore.Over(tables);
            }
            else
            {
                store = GuardedQuizStore.Over(new SqliteQuizStore(dbPath));
            }
            var bank = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks")).All.First();
            var seeder = new BoardSeeder(dbPath, store, bank);
            var firstDay = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var voided = history / 2;

            var seedClock = Stopwatch.StartNew();
            await seeder.SeedRealAsync(Conversation, members, history, firstDay, ct, throughStore: onTables);
            await seeder.SeedRealAsync(Reference, members, history, firstDay, ct, throughStore: onTables, skip: voided);
            log.WriteLine($"refold ({o.Store}): {members} members, {history} past questions (and a reference without question {voided}), " +
                $"seeded through ClosePostAsync in {seedClock.Elapsed.TotalSeconds:0.0} s");

            IReadOnlyList<string> periods = [.. Enumerable.Range(0, history).SelectMany(q => Periods.For(BoardSeeder.Slot(firstDay, q), TimeZoneInfo.Utc)).Distinct()];
            var original = await BoardsAsync(store, Conversation, periods, members, ct);
            var without = await BoardsAsync(store, Reference, periods, members, ct);
            var slot = BoardSeeder.Slot(firstDay, voided);
            var postId = RoundPost.IdFor(Conversation, slot, 0);
            var postPeriods = Periods.For(slot, TimeZoneInfo.Utc);
            var key = bank.Questions[voided % bank.Questions.Count].Answer;

            var same = !original.SequenceEqual(without);
            var voids = new List<double>();
            var restores = new List<double>();
            for (var r = 0; r < repetitions; r++)
            {
                var clock = Stopwatch.StartNew();
                var post = await store.RevisePostAsync(postId, null, postPeriods, ct);
                voids.Add(clock.Elapsed.TotalSeconds);
                same &= post?.State == PostState.Void && (await BoardsAsync(store, Conversation, periods, members, ct)).SequenceEqual(without);

                clock.Restart();
                post = await store.RevisePostAsync(postId, key, postPeriods, ct);
                restores.Add(clock.Elapsed.TotalSeconds);
                same &= post?.State == PostState.Closed && (await BoardsAsync(store, Conversation, periods, members, ct)).SequenceEqual(original);
                log.WriteLine($"  repetition {r + 1}: void {voids[^1]:0.000} s, back to its key {restores[^1]:0.000} s");
            }
            log.WriteLine($"  boards equal the reference after every step: {same}" + (onTables ? " (Azurite is no performance reference)" : ""));
            return new BenchLine().Add("store", o.Store).Add("members", members).Add("history", history)
                .Add("void_s", string.Join(',', voids.Select(s => s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))))
                .Add("restore_s", string.Join(',', restores.Select(s => s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))))
                .Add("void_median_s", voids.Order().ElementAt(voids.Count / 2), "0.000")
                .Add("equivalent", same ? "yes" : "no");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    // Every row of every board the history touched, with its rank, and each board's member count.
    private static async Task<List<string>> BoardsAsync(IQuizStore store, string conversation, IReadOnlyList<string> periods, int members, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var period in periods)
        {
            var page = await store.GetBoardAsync(conversation, period, members + 1, "", ct);
            lines.Add($"{period} {page.Members}");
            lines.AddRange(page.Top.Select(r => $"{period} {r.Rank} {r.Entry}"));
        }
        return lines;
    }
}
