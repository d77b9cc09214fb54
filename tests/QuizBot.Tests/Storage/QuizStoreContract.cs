using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// What every IQuizStore must do, run unchanged against each implementation. A new store method gets its facts here
// (in the partial file for its port: sessions and conversations here, IRoundStore in .Rounds, IBoardStore in .Boards)
// and both stores are held to them at once.
public abstract partial class QuizStoreContract : IAsyncLifetime
{
    // A Monday, so the ISO week and the month are easy to name.
    private protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private protected static readonly CancellationToken None = CancellationToken.None;
    private IQuizStore? _store;

    private protected IQuizStore Store => _store ?? throw new InvalidOperationException("not initialised");

    private protected abstract Task<IQuizStore> CreateStoreAsync();

    private protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    // Rewrites a post and a session (with its answers) as a QuizBot that kept positions, not ids, left them: the post
    // with only the position it was posted from, the session and its answers without question ids.
    private protected abstract Task MakeLegacyAsync(string postId, int position, string sessionId);

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    private protected static Round NewRound(string conversation, long version = 1) =>
        new(conversation, "bank", "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromHours(8), true, false, RoundStatus.Active, 0, T0, null,
            "admin", T0.AddDays(-1), version);

    private protected static RoundPost NewPost(string conversation, DateTimeOffset slot, int n = 0) =>
        new(RoundPost.IdFor(conversation, slot, n), conversation, "bank", new PostedQuestion($"q{n}", 1, 4), slot, slot.AddHours(8), "UTC", PostState.Claimed, null, null,
            "instance-a", null, false);

    // Claims the slot (creating the round when there is none) and marks the post as sent.
    private protected async Task<RoundPost> OpenPostAsync(string conversation, DateTimeOffset slot)
    {
        var round = await Store.GetRoundAsync(conversation, None);
        if (round is null)
        {
            round = NewRound(conversation);
            Assert.True(await Store.SaveRoundAsync(round, null, None));
        }
        var post = NewPost(conversation, slot);
        Assert.True(await Store.ClaimSlotAsync(round with { Cursor = round.Cursor + 1, NextDueAt = slot.AddDays(1), Version = round.Version + 1 },
            round.Version, [post], None));
        await Store.MarkPostedAsync(post.Id, "message-1", slot, None);
        return (await Store.GetPostAsync(post.Id, None))!;
    }

    private protected Task<(bool Inserted, PostAnswer? Existing)> AnswerAsync(RoundPost post, string user, bool correct, int? choice = null) =>
        Store.AddPostAnswerAsync(new PostAnswer(post.Id, user, "Name " + user, choice ?? (correct ? 1 : 0), correct, post.SlotAt.AddMinutes(1)), None);

    private protected Task<RoundPost?> CloseAsync(RoundPost post) => Store.ClosePostAsync(post.Id, 4, Periods.For(post.SlotAt, TimeZoneInfo.Utc), None);

    private protected Task<BoardPage> BoardAsync(string conversation, int top = 10, string user = "", string period = Periods.All) =>
        Store.GetBoardAsync(conversation, period, top, user, None);

    private protected static QuizSession NewSession(string id, string user) =>
        new(id, user, "conv", "bank", 0, 0, SessionStatus.Active, T0, null);

    [Fact]
    public async Task A_new_session_abandons_the_persons_active_one()
    {
        await Store.StartSessionAsync(NewSession("s1", "ann"), None);
        await Store.StartSessionAsync(NewSession("s2", "bob"), None);
        Assert.Equal("s1", (await Store.GetActiveSessionAsync("ann", None))?.Id);

        await Store.StartSessionAsync(NewSession("s3", "ann"), None);

        Assert.Equal(NewSession("s3", "ann"), await Store.GetActiveSessionAsync("ann", None));
        Assert.Equal(SessionStatus.Abandoned, (await Store.GetSessionAsync("s1", None))?.Status);
        Assert.Equal("s2", (await Store.GetActiveSessionAsync("bob", None))?.Id);
        Assert.Null(await Store.GetActiveSessionAsync("cat", None));
        Assert.Null(await Store.GetSessionAsync("missing", None));
    }

    [Fact]
    public async Task Session_answers_advance_in_order_and_complete_the_session_after_the_last()
    {
        await Store.StartSessionAsync(NewSession("s1", "ann"), None);

        Assert.True((await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 2, true, T0.AddMinutes(1)), 2, None)).Inserted);
        Assert.Equal((1, 1, SessionStatus.Active), await PositionAsync("s1"));
        Assert.True((await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 1, 0, false, T0.AddMinutes(2)), 2, None)).Inserted);

        var done = await Store.GetSessionAsync("s1", None);
        Assert.Equal((2, 1, SessionStatus.Completed), (done!.Position, done.Score, done.Status));
        Assert.Equal(T0.AddMinutes(2), done.CompletedAt);
        Assert.Null(await Store.GetActiveSessionAsync("ann", None));
        Assert.Equal([new SessionAnswer("s1", 0, 2, true, T0.AddMinutes(1)), new SessionAnswer("s1", 1, 0, false, T0.AddMinutes(2))],
            await Store.GetSessionAnswersAsync("s1", None));
    }

    [Fact]
    public async Task A_repeated_session_answer_keeps_the_first_and_reports_it()
    {
        await Store.StartSessionAsync(NewSession("s1", "ann"), None);
        await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 2, true, T0), 3, None);

        var again = await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 3, false, T0.AddSeconds(5)), 3, None);

        Assert.False(again.Inserted);
        Assert.Equal(2, again.Existing?.Choice);
        Assert.Equal((1, 1, SessionStatus.Active), await PositionAsync("s1"));
        Assert.Single(await Store.GetSessionAnswersAsync("s1", None));
    }

    [Fact]
    public async Task An_answer_ahead_of_the_session_or_to_an_abandoned_one_is_not_stored()
    {
        await Store.StartSessionAsync(NewSession("s1", "ann"), None);

        Assert.Equal(new SessionAnswerWrite(false, null), await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 1, 0, true, T0), 3, None));
        await Store.StartSessionAsync(NewSession("s2", "ann"), None);
        Assert.Equal(new SessionAnswerWrite(false, null), await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 0, true, T0), 3, None));

        Assert.Empty(await Store.GetSessionAnswersAsync("s1", None));
        Assert.Equal((0, 0, SessionStatus.Abandoned), await PositionAsync("s1"));
    }

    private async Task<(int, int, SessionStatus)> PositionAsync(string sessionId)
    {
        var s = await Store.GetSessionAsync(sessionId, None);
        return (s!.Position, s.Score, s.Status);
    }

    [Fact]
    public async Task Conversations_keep_their_address_and_saving_again_clears_a_block()
    {
        await Store.SaveConversationAsync("c1", "{\"serviceUrl\":\"a\"}", None);
        await Store.SetConversationBlockedAsync("c1", "BotNotInConversationRoster", None);
        Assert.Equal(new ConversationRecord("c1", "{\"serviceUrl\":\"a\"}", true, "BotNotInConversationRoster"), await Store.GetConversationAsync("c1", None));

        await Store.SaveConversationAsync("c1", "{\"serviceUrl\":\"b\"}", None);
        Assert.Equal(new ConversationRecord("c1", "{\"serviceUrl\":\"b\"}", false, null), await Store.GetConversationAsync("c1", None));

        await Store.SetConversationBlockedAsync("c1", "x", None);
        await Store.SetConversationBlockedAsync("c1", null, None);
        Assert.Equal(new ConversationRecord("c1", "{\"serviceUrl\":\"b\"}", false, null), await Store.GetConversationAsync("c1", None));
    }

    [Fact]
    public async Task Blocking_an_unknown_conversation_creates_nothing()
    {
        await Store.SetConversationBlockedAsync("nobody", "BotDisabledByAdmin", None);
        Assert.Null(await Store.GetConversationAsync("nobody", None));
    }

    [Fact]
    public async Task Granting_and_revoking_admin_reports_whether_anything_changed()
    {
        Assert.True(await Store.SetAdminAsync("c1", "ann", true, None));
        Assert.False(await Store.SetAdminAsync("c1", "ann", true, None));
        Assert.True(await Store.IsAdminAsync("c1", "ann", None));
        Assert.False(await Store.IsAdminAsync("c2", "ann", None));
        Assert.False(await Store.IsAdminAsync("c1", "bob", None));

        Assert.True(await Store.SetAdminAsync("c1", "ann", false, None));
        Assert.False(await Store.SetAdminAsync("c1", "ann", false, None));
        Assert.False(await Store.IsAdminAsync("c1", "ann", None));
    }

    [Fact]
    public async Task Initializing_again_and_pinging_answer_and_leave_the_data_as_it_was()
    {
        await Store.SaveConversationAsync("c1", "address", None);

        await Store.InitializeAsync(None);
        await Store.PingAsync(None);

        Assert.Equal("address", (await Store.GetConversationAsync("c1", None))?.Address);
    }
}

public sealed class SqliteStoreContractTests : QuizStoreContract
{
    private readonly TempDir _dir = new();

    private protected override Task<IQuizStore> CreateStoreAsync() => Task.FromResult<IQuizStore>(GuardedQuizStore.Over(new SqliteQuizStore(_dir.File("quizbot.db"))));

    private protected override Task<IQuizStore> OpenSecondInstanceAsync() => CreateStoreAsync();

    private protected override Task DisposeStoreAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private protected override Task MakeLegacyAsync(string postId, int position, string sessionId)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_dir.File("quizbot.db")}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            UPDATE posts SET question_index = $p, question_id = NULL, answer = NULL, choices = NULL WHERE id = $post;
            UPDATE sessions SET question_ids = NULL WHERE id = $s;
            UPDATE session_answers SET question_id = NULL WHERE session_id = $s;
            """;
        cmd.Parameters.AddWithValue("$p", position);
        cmd.Parameters.AddWithValue("$post", postId);
        cmd.Parameters.AddWithValue("$s", sessionId);
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}

[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TableStoreContractTests(Azurite azurite) : QuizStoreContract
{
    private TableQuizStore? _tables;
    private readonly string _prefix = TableStores.NewPrefix();

    private protected override async Task<IQuizStore> CreateStoreAsync()
    {
        _tables = await TableStores.CreateAsync(TableStores.Options(azurite, _prefix));
        return GuardedQuizStore.Over(_tables);
    }

    private protected override async Task<IQuizStore> OpenSecondInstanceAsync() =>
        GuardedQuizStore.Over(await TableStores.CreateAsync(TableStores.Options(azurite, _prefix)));

    // Entities written before ids were kept have none of the new properties, and the post its QuestionIndex.
    private protected override async Task MakeLegacyAsync(string postId, int position, string sessionId)
    {
        var service = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
        var posts = service.GetTableClient(_prefix + "Conversations");
        await foreach (var post in posts.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"Id eq {postId}")))
        {
            post.Remove("QuestionId");
            post.Remove("Answer");
            post.Remove("Choices");
            post["QuestionIndex"] = position;
            await posts.UpdateEntityAsync(post, post.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        }
        var sessions = service.GetTableClient(_prefix + "Sessions");
        var pk = "s|" + TableKeys.Segment(sessionId);
        await foreach (var row in sessions.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {pk}")))
        {
            row.Remove("QuestionIds");
            row.Remove("QuestionId");
            await sessions.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        }
    }

    private protected override async Task DisposeStoreAsync()
    {
        if (_tables is not null)
        {
            await _tables.DeleteTablesAsync(None);
        }
    }
}
