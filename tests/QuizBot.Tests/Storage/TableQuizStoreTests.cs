using Azure.Data.Tables;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// What only the Table Storage store has to prove: several instances on one account, the request budget of the hot
// operations, and that a process dying between two writes loses nothing and counts nothing twice.
[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TableQuizStoreTests(Azurite azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = TableStores.NewPrefix();
    private readonly RequestCounter _requests = new();
    private TableQuizStore _a = null!;
    private TableQuizStore _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TableStores.CreateAsync(Options(), perRetry: _requests);
        _b = await TableStores.CreateAsync(Options());
    }

    public Task DisposeAsync() => _a.DeleteTablesAsync(None);

    private TableStoreOptions Options(int answerBuckets = 4) => TableStores.Options(azurite, _prefix, answerBuckets);

    [Fact]
    public async Task Two_instances_claiming_one_slot_at_once_let_exactly_one_win()
    {
        for (var i = 0; i < 10; i++)
        {
            var conversation = $"c{i}";
            await _a.SaveRoundAsync(Round(conversation), null, None);
            var advanced = Round(conversation) with { Cursor = 1, Version = 2 };
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
                (n % 2 == 0 ? _a : _b).ClaimSlotAsync(advanced, 1, [Post(conversation, T0) with { ClaimedBy = $"instance-{n}" }], None)));

            Assert.Single(claims, c => c);
            var winner = Array.IndexOf(claims, true);
            Assert.Equal($"instance-{winner}", (await _b.GetPostAsync(Post(conversation, T0).Id, None))?.ClaimedBy);
        }
    }

    [Fact]
    public async Task Two_hundred_people_answering_through_two_instances_are_stored_and_counted_once()
    {
        var post = await OpenPostAsync(_a, "busy", T0);
        // Everyone answers through each instance at once, as a double click or a redelivery handled elsewhere would.
        var calls = Enumerable.Range(0, 200).SelectMany(u => new[] { (Store: _a, User: u, Delay: 0), (Store: _b, User: u, Delay: 7) })
            .Select(c => c.Store.AddPostAnswerAsync(new PostAnswer(post.Id, $"user-{c.User}", $"User {c.User}", c.User % 4, c.User % 4 == 1,
                T0.AddSeconds(c.User).AddMilliseconds(c.Delay)), None));
        var results = await Task.WhenAll(calls);

        Assert.Equal(200, results.Count(r => r.Inserted));
        Assert.All(results.Where(r => !r.Inserted), r => Assert.NotNull(r.Existing));
        Assert.Equal(200, (await _b.GetPostAnswersAsync(post.Id, None)).Select(a => a.UserKey).Distinct().Count());

        var closes = await Task.WhenAll(_a.ClosePostAsync(post.Id, 4, [Periods.All], None), _b.ClosePostAsync(post.Id, 4, [Periods.All], None));
        Assert.All(closes, c => Assert.Equal([50, 50, 50, 50], c!.Tally));
        var board = await _a.GetBoardAsync("busy", Periods.All, 1000, "", None);
        Assert.Equal(200, board.Members);
        Assert.All(board.Top, r => Assert.Equal(1, r.Entry.Answered));
        Assert.Equal(50, board.Top.Sum(r => r.Entry.Points));
        Assert.Equal(50, board.Top.Count(r => r.Rank == 1));
        Assert.All(board.Top.Where(r => r.Entry.Points == 0), r => Assert.Equal(51, r.Rank));
    }

    [Fact]
    public async Task An_answer_costs_at_most_two_storage_requests()
    {
        var post = await OpenPostAsync(_a, "c1", T0);

        _requests.Reset();
        var first = await _a.AddPostAnswerAsync(new PostAnswer(post.Id, "ann", "Ann", 1, true, T0.AddMinutes(1)), None);
        var answer = _requests.Count;
        _requests.Reset();
        await _a.AddPostAnswerAsync(new PostAnswer(post.Id, "ann", "Ann", 2, false, T0.AddMinutes(2)), None);
        var repeat = _requests.Count;

        Assert.True(first.Inserted);
        Assert.InRange(answer, 1, 2);
        Assert.InRange(repeat, 1, 3);
    }

    [Fact]
    public async Task A_board_read_costs_the_same_few_requests_after_5_and_after_50_closed_posts()
    {
        var counts = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            var post = await OpenPostAsync(_a, "c1", T0.AddHours(9 * i));
            foreach (var user in new[] { "ann", "bob", "cat", $"once-{i}" })
            {
                await _a.AddPostAnswerAsync(new PostAnswer(post.Id, user, user, 1, user != "cat", post.SlotAt.AddMinutes(1)), None);
            }
            await _a.ClosePostAsync(post.Id, 4, [Periods.All], None);
            if (i is 4 or 49)
            {
                _requests.Reset();
                var page = await _a.GetBoardAsync("c1", Periods.All, 2, "cat", None);
                counts.Add(_requests.Count);
                // ann, bob, cat and one newcomer per post; cat, never right, is last.
                Assert.Equal((i + 4, i + 4), (page.Members, page.Me?.Rank));
            }
        }

        Assert.Equal(counts[0], counts[1]);
        Assert.InRange(counts[0], 1, 3);
    }

    [Fact]
    public async Task A_claim_resent_after_its_answer_was_lost_still_reports_the_win()
    {
        await _a.SaveRoundAsync(Round("c1"), null, None);
        var flaky = TableStores.Create(Options(), perRetry: new LoseFirstAnswer(m => m.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)));
        var post = Post("c1", T0);

        Assert.True(await flaky.ClaimSlotAsync(Round("c1") with { Cursor = 1, Version = 2 }, 1, [post], None));
        Assert.False(await _b.ClaimSlotAsync(Round("c1") with { Cursor = 1, Version = 2 }, 1, [post], None));
        Assert.Equal(PostState.Claimed, (await _b.GetPostAsync(post.Id, None))?.State);
    }

    [Fact]
    public async Task An_answer_resent_after_its_answer_was_lost_is_still_reported_as_accepted()
    {
        var post = await OpenPostAsync(_a, "c1", T0);
        var flaky = TableStores.Create(Options(), perRetry: new LoseFirstAnswer(m => m.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)));
        var answer = new PostAnswer(post.Id, "ann", "Ann", 1, true, T0.AddMinutes(1));

        Assert.Equal((true, null), await flaky.AddPostAnswerAsync(answer, None));
        Assert.Equal((false, answer), await flaky.AddPostAnswerAsync(answer with { AnsweredAt = T0.AddMinutes(2) }, None));
    }

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_here_because_Azurite_would_commit_it()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + "Due");
        TableTransactionAction[] mixed =
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "x")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "x")),
        ];

        await Assert.ThrowsAsync<InvalidOperationException>(() => TableQuizStore.SubmitAsync(table, mixed, None));
        Assert.Null((await table.GetEntityIfExistsAsync<TableEntity>("p1", "x")).HasValue ? "" : null);

        // Azure answers this with 400 (CommandsInBatchActOnDifferentPartitions); the emulator commits both rows.
        await table.SubmitTransactionAsync(mixed);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p2", "x")).HasValue);
    }

    internal static Round Round(string conversation) =>
        new(conversation, "bank", "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromHours(8), true, false, RoundStatus.Active, 0, T0, null,
            "admin", T0, 1);

    internal static RoundPost Post(string conversation, DateTimeOffset slot) =>
        new(RoundPost.IdFor(conversation, slot, 0), conversation, "bank", new PostedQuestion("q0", 1, 4), slot, slot.AddHours(8), "UTC", PostState.Claimed, null, null, "a", null, false);

    internal static async Task<RoundPost> OpenPostAsync(TableQuizStore store, string conversation, DateTimeOffset slot)
    {
        var round = await store.GetRoundAsync(conversation, None);
        if (round is null)
        {
            round = Round(conversation);
            await store.SaveRoundAsync(round, null, None);
        }
        var post = Post(conversation, slot);
        Assert.True(await store.ClaimSlotAsync(round with { Version = round.Version + 1 }, round.Version, [post], None));
        await store.MarkPostedAsync(post.Id, "m", slot, None);
        return (await store.GetPostAsync(post.Id, None))!;
    }
}
