using QuizBot.Quizzes.Rounds;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// A revision on Azure Tables takes many requests (the post, the answers' marks, every board chunk). Stopped after any
// of them, a fresh instance asked for the same revision must end exactly where one uninterrupted run ends: the boards of
// a conversation where the post closed with the new key from the start.
[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TableReviseCrashTests(Azurite azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = TableStores.NewPrefix();
    private TableQuizStore _healthy = null!;

    public async Task InitializeAsync() => _healthy = await TableStores.CreateAsync(Options());

    public Task DisposeAsync() => _healthy.DeleteTablesAsync(None);

    // Two answer buckets and 14 answerers (two chunks per board) keep every step in play.
    private TableStoreOptions Options() => TableStores.Options(azurite, _prefix, answerBuckets: 2);

    private static readonly string[] Users = [.. Enumerable.Range(0, 14).Select(i => $"user-{i:00}")];

    // Three posts, Friday to Sunday then Monday (two weeks, two months); the middle one is revised to key 2.
    private static DateTimeOffset Slot(int n) => T0.AddDays(2 * n);

    private static int Choice(int n, int user) => (user + n) % 4;

    private async Task<RoundPost[]> PlayAsync(string conversation, Func<int, int> keyOf)
    {
        var posts = new RoundPost[3];
        for (var n = 0; n < posts.Length; n++)
        {
            posts[n] = await TableQuizStoreTests.OpenPostAsync(_healthy, conversation, Slot(n));
            for (var u = 0; u < Users.Length; u++)
            {
                var choice = Choice(n, u);
                await _healthy.AddPostAnswerAsync(new PostAnswer(posts[n].Id, Users[u], Users[u], choice, choice == keyOf(n), Slot(n).AddMinutes(1)), None);
            }
            await _healthy.ClosePostAsync(posts[n].Id, 4, Periods.For(Slot(n), TimeZoneInfo.Utc), None);
        }
        return posts;
    }

    private static async Task<List<string>> BoardsAsync(TableQuizStore store, string conversation)
    {
        var lines = new List<string>();
        foreach (var period in Enumerable.Range(0, 3).SelectMany(n => Periods.For(Slot(n), TimeZoneInfo.Utc)).Distinct())
        {
            var page = await store.GetBoardAsync(conversation, period, 100, "", None);
            lines.Add($"{period}: {page.Members}");
            lines.AddRange(page.Top.Select(r => $"{period} #{r.Rank} {r.Entry}"));
        }
        return lines;
    }

    [Fact]
    public async Task A_revision_interrupted_after_any_request_is_finished_exactly_by_a_fresh_instance()
    {
        await PlayAsync("expected", n => n == 1 ? 2 : 1);
        var expected = await BoardsAsync(_healthy, "expected");
        var finished = false;
        for (var crashAfter = 0; !finished; crashAfter++)
        {
            Assert.True(crashAfter < 200, "the revision never finished");
            var conversation = $"crash-{crashAfter}";
            var posts = await PlayAsync(conversation, _ => 1);
            var revised = posts[1];

            var dying = TableStores.Create(Options(), perCall: new CrashAfter(crashAfter));
            try
            {
                await dying.RevisePostAsync(revised.Id, 2, Periods.For(revised.SlotAt, TimeZoneInfo.Utc), None);
                finished = true;
                Assert.True(crashAfter >= 10, $"only {crashAfter} interruption points were tried");
            }
            catch (SimulatedCrashException)
            {
            }
            var fresh = await TableStores.CreateAsync(Options());
            var post = await fresh.RevisePostAsync(revised.Id, 2, Periods.For(revised.SlotAt, TimeZoneInfo.Utc), None);

            Assert.Equal((PostState.Closed, 2), (post?.State, post?.Question.Answer));
            Assert.Equal(expected, await BoardsAsync(fresh, conversation));
            Assert.All(await fresh.GetPostAnswersAsync(revised.Id, None), a => Assert.Equal(a.Choice == 2, a.Correct));
        }
    }
}
