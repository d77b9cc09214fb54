using Azure;
using Microsoft.Data.Sqlite;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Storage.Tables;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// Each store's own failures reach callers as one StoreUnavailableException, whatever the provider; mistakes and the
// caller's own cancellation stay what they are.
public sealed class StoreUnavailableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_SQLite_write_lock_held_past_the_busy_timeout_surfaces_as_StoreUnavailableException()
    {
        using var dir = new TempDir();
        var path = dir.File("quizbot.db");
        var store = GuardedQuizStore.Over(new SqliteQuizStore(path, busyTimeoutSeconds: 1));
        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        await other.OpenAsync();
        await using var hold = other.BeginTransaction(deferred: false);
        await using (var write = other.CreateCommand())
        {
            write.CommandText = "INSERT INTO conversations (key, address) VALUES ('held', 'x')";
            await write.ExecuteNonQueryAsync();
        }

        var session = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.StartSessionAsync(new QuizSession("s1", "ann", "conv", "bank", 0, 0, SessionStatus.Active, T0, null), default));
        // Answers take the store's own writer connection: its failure is translated as well.
        var answer = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.AddPostAnswerAsync(new PostAnswer("p1", "ann", "Ann", 0, true, T0), default));

        Assert.Equal(nameof(IQuizStore.StartSessionAsync), session.Operation);
        Assert.Equal(5, Assert.IsType<SqliteException>(session.InnerException).SqliteErrorCode); // SQLITE_BUSY
        Assert.Equal(nameof(IQuizStore.AddPostAnswerAsync), answer.Operation);
        await hold.RollbackAsync();
        Assert.Null(await store.GetSessionAsync("s1", default));
    }

    [Fact]
    public async Task A_table_endpoint_where_nothing_listens_surfaces_as_StoreUnavailableException_after_the_retries()
    {
        var store = GuardedQuizStore.Over(Unreachable());

        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetRoundAsync("c1", default));
        var ping = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PingAsync(default));

        Assert.Equal(nameof(IQuizStore.GetRoundAsync), read.Operation);
        Assert.Equal(nameof(IQuizStore.PingAsync), ping.Operation);
        Assert.True(read.InnerException is RequestFailedException or AggregateException, read.ToString());
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_a_store_failure()
    {
        var store = GuardedQuizStore.Over(Unreachable());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetRoundAsync("c1", cancelled.Token));
    }

    [Fact]
    public async Task A_table_endpoint_that_accepts_and_never_answers_is_unavailable_within_the_call_deadline()
    {
        // Accepts connections and never answers, as a hung storage front end does; the SDK alone would wait its
        // 20 s network timeout per attempt, retries included, far past any channel's patience.
        using var hole = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hole.Start();
        var accepted = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await hole.AcceptTcpClientAsync());
            }
        });
        var port = ((System.Net.IPEndPoint)hole.LocalEndpoint).Port;
        var store = GuardedQuizStore.Over(TableStores.Create(new TableStoreOptions
        {
            ConnectionString = Azurite.ConnectionStringFor(port),
            TablePrefix = "Hung",
        }), TimeSpan.FromSeconds(1));

        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetConversationAsync("c1", default).WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(nameof(IQuizStore.GetConversationAsync), read.Operation);
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(26, true)] // SQLITE_NOTADB
    [InlineData(1, false)] // SQLITE_ERROR: our own SQL
    [InlineData(19, false)] // SQLITE_CONSTRAINT: our own logic
    public void SQLite_calls_unavailable_only_what_the_database_cannot_do_just_now(int code, bool unavailable) =>
        Assert.Equal(unavailable, SqliteQuizStore.IsUnavailable(new SqliteException("x", code)));

    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(409, false)]
    public void Tables_call_unavailable_what_outlasted_the_retries_and_not_a_wrong_request(int status, bool unavailable)
    {
        Assert.Equal(unavailable, TableQuizStore.IsUnavailable(new RequestFailedException(status, "x")));
        Assert.Equal(unavailable, TableQuizStore.IsUnavailable(new AggregateException(new RequestFailedException(status, "x"), new RequestFailedException(0, "y"))));
    }

    private static TableQuizStore Unreachable() => TableStores.Create(new TableStoreOptions
    {
        ConnectionString = Azurite.ConnectionStringFor(ChildProcess.FreePort()),
        TablePrefix = "Unreachable",
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        NetworkTimeout = TimeSpan.FromSeconds(2),
    });
}
