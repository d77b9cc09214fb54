using QuizBot.Quizzes.Rounds;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// A process may die between any two storage requests. Each test stops an operation after 0, 1, 2, ... requests
// (the store's client fails every call from then on), then lets a fresh instance do the same work: the result must
// be exactly that of one uninterrupted run.
[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TableStoreCrashTests(Azurite azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = TableStores.NewPrefix();
    private TableQuizStore _healthy = null!;

    public async Task InitializeAsync() => _healthy = await TableStores.CreateAsync(Options());

    public Task DisposeAsync() => _healthy.DeleteTablesAsync(None);

    // Two answer buckets and 14 answerers (two fold chunks per board) keep every step of a close in play.
    private TableStoreOptions Options() => TableStores.Options(azurite, _prefix, answerBuckets: 2);

    [Fact]
    public async Task A_close_interrupted_after_any_request_is_finished_exactly_by_a_fresh_instance()
    {
        var users = Enumerable.Range(0, 14).Select(i => $"user-{i:00}").ToList();
        var finished = false;
        for (var crashAfter = 0; !finished; crashAfter++)
        {
            Assert.True(crashAfter < 200, "the close never finished");
            var conversation = $"crash-{crashAfter}";
            var first = await TableQuizStoreTests.OpenPostAsync(_healthy, conversation, T0);
            var second = await TableQuizStoreTests.OpenPostAsync(_healthy, conversation, T0.AddDays(1));
            foreach (var (user, i) in users.Select((u, i) => (u, i)))
            {
                await _healthy.AddPostAnswerAsync(new PostAnswer(first.Id, user, user, 1, i % 3 != 0, T0.AddMinutes(1)), None);
                await _healthy.AddPostAnswerAsync(new PostAnswer(second.Id, user, user, 1, i % 2 == 0, T0.AddDays(1).AddMinutes(1)), None);
            }
            await _healthy.ClosePostAsync(first.Id, 4, Periods.For(first.SlotAt, TimeZoneInfo.Utc), None);

            var dying = TableStores.Create(Options(), perCall: new CrashAfter(crashAfter));
            try
            {
                await dying.ClosePostAsync(second.Id, 4, Periods.For(second.SlotAt, TimeZoneInfo.Utc), None);
                finished = true;
                // 18 calls today: post, 2 gates, 2 answer buckets, 2 chunks x 3 boards x (read + write), the final write.
                Assert.True(crashAfter >= 10, $"only {crashAfter} interruption points were tried");
            }
            catch (SimulatedCrashException)
            {
            }
            // A late answer during the crash window must not sneak in after the gates shut.
            await _healthy.AddPostAnswerAsync(new PostAnswer(second.Id, "late", "late", 1, true, T0.AddDays(1).AddMinutes(2)), None);
            var fresh = await TableStores.CreateAsync(Options());
            var closed = await fresh.ClosePostAsync(second.Id, 4, Periods.For(second.SlotAt, TimeZoneInfo.Utc), None);

            var answered = (await fresh.GetPostAnswersAsync(second.Id, None)).Count;
            Assert.Equal(answered, closed!.Tally!.Sum());
            var board = await fresh.GetBoardAsync(conversation, Periods.All, 100, "user-00", None);
            Assert.Equal(answered, board.Top.Sum(r => r.Entry.Answered) - users.Count);
            Assert.Equal(answered, board.Members); // everyone answered the second post; "late" too when it was still open
            foreach (var (user, i) in users.Select((u, i) => (u, i)))
            {
                var expected = (i % 3 != 0 ? 1 : 0) + (i % 2 == 0 ? 1 : 0);
                var streak = i % 2 == 0 ? (i % 3 != 0 ? 2 : 1) : 0;
                var entry = board.Top.Single(r => r.Entry.UserKey == user).Entry;
                Assert.Equal((user, expected, 2, streak), (user, entry.Points, entry.Answered, entry.Streak));
            }
            Assert.Equal(board.Top.Select(r => r.Entry.Points).Sum(), (await fresh.GetBoardAsync(conversation, "week:2026-W48", 100, "", None)).Top.Sum(r => r.Entry.Points));
        }
    }

    [Fact]
    public async Task A_claim_and_post_interrupted_after_any_request_still_ends_posted_and_due_to_close()
    {
        var finished = false;
        for (var crashAfter = 0; !finished; crashAfter++)
        {
            Assert.True(crashAfter < 100, "the claim never finished");
            var conversation = $"claim-{crashAfter}";
            await _healthy.SaveRoundAsync(TableQuizStoreTests.Round(conversation), null, None);
            var post = TableQuizStoreTests.Post(conversation, T0);
            var advanced = TableQuizStoreTests.Round(conversation) with { Cursor = 1, NextDueAt = T0.AddDays(1), Version = 2 };

            var dying = TableStores.Create(Options(), perCall: new CrashAfter(crashAfter));
            try
            {
                await dying.ClaimSlotAsync(advanced, 1, [post], None);
                await dying.MarkPostedAsync(post.Id, "m", T0, None);
                finished = true;
                // 8 calls today: round, hint, claim; post, 2 gates, hint, posted.
                Assert.True(crashAfter >= 5, $"only {crashAfter} interruption points were tried");
            }
            catch (SimulatedCrashException)
            {
            }

            // What a restarted scheduler does: claim what is due, post what it claimed.
            var fresh = await TableStores.CreateAsync(Options());
            var due = (await fresh.GetDueRoundsAsync(T0, None)).Where(r => r.ConversationKey == conversation).ToList();
            if (due.Count == 1)
            {
                Assert.True(await fresh.ClaimSlotAsync(advanced, 1, [post], None));
            }
            await fresh.MarkPostedAsync(post.Id, "m", T0, None);

            Assert.Equal(2, (await fresh.GetRoundAsync(conversation, None))?.Version);
            Assert.Equal(PostState.Posted, (await fresh.GetPostAsync(post.Id, None))?.State);
            Assert.Contains(post.Id, (await fresh.GetPostsToCloseAsync(post.ClosesAt, None)).Select(p => p.Id));
            Assert.DoesNotContain(conversation, (await fresh.GetDueRoundsAsync(T0.AddHours(1), None)).Select(r => r.ConversationKey));
            Assert.True((await fresh.AddPostAnswerAsync(new PostAnswer(post.Id, "ann", "Ann", 1, true, T0.AddMinutes(1)), None)).Inserted);
        }
    }
}
