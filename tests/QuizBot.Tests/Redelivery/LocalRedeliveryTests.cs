using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Chat;
using QuizBot.Http;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Redelivery;

// Issue 16: a delivery kept on this instance only (an answer click) is one small object until a redelivery asks about
// it; one that asks while the first still runs waits for its outcome.
public sealed class LocalRedeliveryTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteQuizStore _store;
    private readonly Redeliveries _redeliveries;

    public LocalRedeliveryTests()
    {
        _store = new SqliteQuizStore(_dir.File("quizbot.db"));
        _redeliveries = new Redeliveries(_store, _time, NullLogger<Redeliveries>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class Answer(byte[] bytes) : IAnswerBytes
    {
        public byte[] ToArray() => bytes;
    }

    [Fact]
    public async Task A_redelivery_that_comes_while_the_first_runs_gets_its_answer_once_it_is_done()
    {
        var first = Assert.IsType<Delivery.First>(await _redeliveries.BeginAsync("k", durable: false, default));

        var again = _redeliveries.BeginAsync("k", durable: false, default);
        Assert.False(again.IsCompleted);
        await _redeliveries.CompleteAsync(first, new Answer("{\"card\":1}"u8.ToArray()));

        Assert.Equal("{\"card\":1}"u8.ToArray(), Assert.IsType<Delivery.Again>(await again.WaitAsync(TimeSpan.FromSeconds(10))).Answer);
        Assert.Equal("{\"card\":1}"u8.ToArray(), Assert.IsType<Delivery.Again>(await _redeliveries.BeginAsync("k", durable: false, default)).Answer);
    }

    [Fact]
    public async Task A_redelivery_that_waits_for_a_first_that_fails_does_the_work_itself()
    {
        var first = Assert.IsType<Delivery.First>(await _redeliveries.BeginAsync("k", durable: false, default));

        var again = _redeliveries.BeginAsync("k", durable: false, default);
        await _redeliveries.FailAsync(first);

        Assert.IsType<Delivery.First>(await again.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_redelivery_of_a_turn_done_without_an_answer_gets_none()
    {
        var first = Assert.IsType<Delivery.First>(await _redeliveries.BeginAsync("k", durable: false, default));
        await _redeliveries.CompleteAsync(first, null);

        Assert.Null(Assert.IsType<Delivery.Again>(await _redeliveries.BeginAsync("k", durable: false, default)).Answer);
    }
}
