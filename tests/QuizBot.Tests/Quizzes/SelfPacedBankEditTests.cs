using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

// A bank edited while someone is half-way through it: the session keeps the questions it started with, in their
// order, and steps over one withdrawn from the bank.
public sealed class SelfPacedBankEditTests : IDisposable
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Participant _ada = new("test:ada", "Ada");

    public void Dispose() => _dir.Dispose();

    // One service start on the shared store with the bank as it is then.
    private SelfPacedQuizzes Engine(QuestionBank bank) => new(new SqliteQuizStore(_dir.File("quiz.db")), new BankCatalog([bank]), _time);

    private static QuestionBank Edited(Func<List<Question>, IEnumerable<Question>> change) => Seed with { Questions = [.. change([.. Seed.Questions])] };

    [Fact]
    public async Task A_session_keeps_its_questions_and_order_when_the_bank_is_reordered_and_extended()
    {
        var start = Assert.IsType<StartOutcome.Ask>(await Engine(Seed).StartAsync(_ada, "conv", null, default)).Question;
        await Engine(Seed).AnswerAsync(_ada, start.SessionId, 0, Seed.Questions[0].Answer, default);

        var added = new Question("added-in-front", "New?", ["Yes", "No"], 0, "Added later.");
        var engine = Engine(Edited(qs => [added, .. Enumerable.Reverse(qs)]));

        // The card Ada holds is question 2 of her quiz, whatever position it has in the bank now.
        var second = Assert.IsType<AnswerOutcome.Accepted>(await engine.AnswerAsync(_ada, start.SessionId, 1, Seed.Questions[1].Answer, default));
        Assert.True(second.Result.Correct);
        Assert.Equal(Seed.Questions[1].Id, second.Result.Question.Id);
        Assert.Equal("Question 2 of 10", second.Result.Progress);
        Assert.Equal(Seed.Questions[2].Id, second.Next!.Question.Id);

        var resumed = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default));
        Assert.True(resumed.Resumed);
        Assert.Equal((2, Seed.Questions[2].Id), (resumed.Question.Index, resumed.Question.Question.Id));
    }

    [Fact]
    public async Task A_question_withdrawn_mid_session_is_skipped_with_a_notice_and_drops_out_of_the_score()
    {
        var start = Assert.IsType<StartOutcome.Ask>(await Engine(Seed).StartAsync(_ada, "conv", null, default)).Question;
        await Engine(Seed).AnswerAsync(_ada, start.SessionId, 0, Seed.Questions[0].Answer, default);
        var withdrawn = Seed.Questions[2];

        var engine = Engine(Edited(qs => qs.Where(q => q.Id != withdrawn.Id)));

        var second = Assert.IsType<AnswerOutcome.Accepted>(await engine.AnswerAsync(_ada, start.SessionId, 1, Seed.Questions[1].Answer, default));
        Assert.True(second.Result.Correct);
        Assert.Contains("withdrawn", second.Result.Notice, StringComparison.Ordinal);
        Assert.Equal((3, Seed.Questions[3].Id), (second.Next!.Index, second.Next.Question.Id));
        // The withdrawn question's card, if clicked now, says why it no longer counts.
        var stale = Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_ada, start.SessionId, 2, withdrawn.Answer, default));
        Assert.Contains("withdrawn from the bank", stale.Reason, StringComparison.Ordinal);

        AnswerOutcome.Accepted last = second;
        for (var i = 3; i < Seed.Questions.Count; i++)
        {
            last = Assert.IsType<AnswerOutcome.Accepted>(await engine.AnswerAsync(_ada, start.SessionId, i, Seed.Questions[i].Answer, default));
        }
        var review = last.Review!;
        Assert.Equal("9/9", review.ScoreText);
        Assert.DoesNotContain(review.Items, i => i.Question.Id == withdrawn.Id);
        Assert.Equal(Enumerable.Range(1, 9), review.Items.Select(i => i.Number));
        Assert.Equal("9/9", (await engine.GetReviewAsync(start.SessionId, default))!.ScoreText);
    }

    [Fact]
    public async Task A_session_whose_next_question_was_withdrawn_before_it_was_shown_resumes_at_the_one_after()
    {
        var start = Assert.IsType<StartOutcome.Ask>(await Engine(Seed).StartAsync(_ada, "conv", null, default)).Question;
        var engine = Engine(Edited(qs => qs.Skip(1)));

        // Ada clicks the withdrawn question on the card she holds: she is told, and `quiz` carries on from question 2.
        var refused = Assert.IsType<AnswerOutcome.Rejected>(await engine.AnswerAsync(_ada, start.SessionId, 0, Seed.Questions[0].Answer, default));
        Assert.Contains("withdrawn from the bank", refused.Reason, StringComparison.Ordinal);
        var resumed = Assert.IsType<StartOutcome.Ask>(await engine.StartAsync(_ada, "conv", null, default));
        Assert.Equal((1, Seed.Questions[1].Id, "Question 2 of 10"), (resumed.Question.Index, resumed.Question.Question.Id, resumed.Question.Progress));
    }
}
