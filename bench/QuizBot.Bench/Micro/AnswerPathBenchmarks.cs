using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Bench.Micro;

// The engine's side of one click on a round question, against a real SQLite file: a first answer (insert) and a
// repeated one (conflict, then the first answer is read back).
[MemoryDiagnoser]
public class AnswerPathBenchmarks
{
    private const string Conversation = "msteams:19:bench@thread.tacv2";
    private string _dir = "";
    private RoundAnswers _answers = null!;
    private string _postId = "";
    private int _choice;
    private int _nextUser;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        _dir = Directory.CreateTempSubdirectory("quizbot-bench-").FullName;
        // Through the guard, as the service wires it.
        var store = GuardedQuizStore.Over(new SqliteQuizStore(Path.Combine(_dir, "quizbot.db")));
        var banks = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks"));
        var bank = banks.All.First();
        var slot = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(slot.AddMinutes(1));
        var round = new Round(Conversation, bank.Id, "0 8 * * *", "daily 08:00", "UTC", 1, TimeSpan.FromHours(8), true, false,
            RoundStatus.Active, 0, null, null, "msteams:bench-admin", slot, 1);
        var post = new RoundPost(RoundPost.IdFor(Conversation, slot, 0), Conversation, bank.Id, PostedQuestion.Of(bank.Questions[0]), slot, slot.AddHours(8), "UTC",
            PostState.Claimed, null, null, "bench", null, false);
        if (!await store.SaveRoundAsync(round, null, default) || !await store.ClaimSlotAsync(round with { Version = 2 }, 1, [post], default))
        {
            throw new InvalidOperationException("Could not set up the post.");
        }
        await store.MarkPostedAsync(post.Id, "act-1", slot, default);
        _postId = post.Id;
        _choice = bank.Questions[0].Answer;
        _answers = new RoundAnswers(store, banks, time);
        await _answers.AnswerAsync(new Participant("msteams:29:again", "Again"), Conversation, _postId, _choice, default);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public async Task<string> FirstAnswer()
    {
        var user = Interlocked.Increment(ref _nextUser);
        var outcome = await _answers.AnswerAsync(new Participant($"msteams:29:user-{user}", "User"), Conversation, _postId, _choice, default);
        return outcome is RoundAnswerOutcome.Accepted ? "accepted" : throw new InvalidOperationException($"Expected an accepted answer, got {outcome}");
    }

    [Benchmark]
    public async Task<string> RepeatedAnswer()
    {
        var outcome = await _answers.AnswerAsync(new Participant("msteams:29:again", "Again"), Conversation, _postId, _choice, default);
        return outcome is RoundAnswerOutcome.AlreadyAnswered ? "again" : throw new InvalidOperationException($"Expected a repeated answer, got {outcome}");
    }
}
