using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

public sealed class SelfPacedQuizzesTests : IDisposable
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Participant _ada = new("test:ada", "Ada");
    private readonly Participant _bob = new("test:bob", "Bob");

    public void Dispose() => _dir.Dispose();

    private SelfPacedQuizzes Engine(params QuestionBank[] banks) =>
        new(new SqliteQuizStore(_dir.File("quiz.db")), new BankCatalog(banks.Length == 0 ? [Seed] : banks), _time);

    [Fact]
    public async Task Playing_the_whole_seed_quiz_gives_the_score_and_a_review_of_every_answer()
    {
        var engine = Engine();
        var start = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default));
        var question = start.Question;
        ReviewView? review = null;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, question.Index);
            Assert.Equal($"Question {i + 1} of 10", question.Progress);
            // Right on even questions, wrong on odd ones: 5/10.
            var choice = i % 2 == 0 ? question.Question.Answer : (question.Question.Answer + 1) % 4;
            var accepted = Assert.IsType<AnswerOutcome.Accepted>(await engine.AnswerAsync(_ada, question.SessionId, i, choice, default));
            Assert.Equal(i % 2 == 0, accepted.Result.Correct);
            Assert.Equal(Seed.Questions[i].Explanation, accepted.Result.Question.Explanation);
            if (accepted.Next is { } next)
            {
                question = next;
            }
            else
            {
                review = accepted.Review;
            }
        }
        Assert.NotNull(review);
        Assert.Equal("5/10", review.ScoreText);
        Assert.Equal(10, review.Items.Count);
        Assert.All(review.Items, item => Assert.Equal(item.Number % 2 == 1, item.Correct));
    }

    [Fact]
    public async Task A_second_answer_to_the_same_question_changes_nothing_and_says_so()
    {
        var engine = Engine();
        var q = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default)).Question;
        await engine.AnswerAsync(_ada, q.SessionId, 0, q.Question.Answer, default);

        var again = Assert.IsType<AnswerOutcome.AlreadyAnswered>(await engine.AnswerAsync(_ada, q.SessionId, 0, (q.Question.Answer + 1) % 4, default));

        Assert.Equal(q.Question.Answer, again.Result.Choice);
        Assert.Contains("first answer stands", again.Result.Notice, StringComparison.Ordinal);
        var review = await engine.GetReviewAsync(q.SessionId, default);
        Assert.Equal(1, review!.Score);
    }

    [Fact]
    public async Task Concurrent_clicks_on_one_question_are_counted_once()
    {
        var engine = Engine();
        var q = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default)).Question;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.AnswerAsync(_ada, q.SessionId, 0, q.Question.Answer, default)));

        Assert.Single(outcomes.OfType<AnswerOutcome.Accepted>());
        Assert.Equal(7, outcomes.OfType<AnswerOutcome.AlreadyAnswered>().Count());
        Assert.Equal(1, (await engine.GetReviewAsync(q.SessionId, default))!.Score);
    }

    [Theory]
    [InlineData(1, 0, "first")]
    [InlineData(10, 0, "not part")]
    [InlineData(-1, 0, "not part")]
    [InlineData(0, 4, "not one of the choices")]
    [InlineData(0, -1, "not one of the choices")]
    public async Task Tampered_question_or_choice_is_rejected_and_nothing_is_stored(int index, int choice, string reason)
    {
        var engine = Engine();
        var q = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default)).Question;

        var rejected = Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_ada, q.SessionId, index, choice, default));

        Assert.Contains(reason, rejected.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.All((await engine.GetReviewAsync(q.SessionId, default))!.Items, i => Assert.Null(i.Choice));
    }

    [Fact]
    public async Task Someone_elses_session_cannot_be_answered()
    {
        var engine = Engine();
        var q = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default)).Question;

        Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_bob, q.SessionId, 0, 0, default));
        Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_bob, "no-such-session", 0, 0, default));
        Assert.All((await engine.GetReviewAsync(q.SessionId, default))!.Items, i => Assert.Null(i.Choice));
    }

    [Fact]
    public async Task A_session_resumes_where_it_stopped_after_a_restart()
    {
        var first = Engine();
        var q = Assert.IsType<StartOutcome.Ask>(await first.StartAsync(_ada, "conv", null, default)).Question;
        await first.AnswerAsync(_ada, q.SessionId, 0, 0, default);
        await first.AnswerAsync(_ada, q.SessionId, 1, 0, default);

        var afterRestart = Engine();
        var resumed = Assert.IsType<StartOutcome.Ask>(await afterRestart.StartAsync(_ada, "conv", null, default));

        Assert.True(resumed.Resumed);
        Assert.Equal(q.SessionId, resumed.Question.SessionId);
        Assert.Equal(2, resumed.Question.Index);
    }

    [Fact]
    public async Task With_several_banks_quiz_offers_a_choice_and_a_name_picks_one()
    {
        var other = Seed with { Id = "other", Title = "Another quiz" };
        var engine = Engine(Seed, other);

        var choose = Assert.IsType<StartOutcome.ChooseBank>(await engine.StartAsync(_ada, "conv", null, default));
        Assert.Equal(2, choose.Banks.Count);
        Assert.IsType<StartOutcome.UnknownBank>(await engine.StartAsync(_ada, "conv", "no such quiz", default));
        var picked = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", "another", default));
        Assert.Equal("Another quiz", picked.Question.BankTitle);
    }

    [Fact]
    public async Task Starting_another_bank_replaces_the_open_session()
    {
        var other = Seed with { Id = "other", Title = "Another quiz" };
        var engine = Engine(Seed, other);
        var first = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", "model-compression", default)).Question;
        await engine.StartAsync(_ada, "conv", "other", default);

        var late = Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_ada, first.SessionId, 0, 0, default));
        Assert.Contains("replaced", late.Reason, StringComparison.Ordinal);
    }
}
