using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

// The review over days on a fake clock: what rounds and quizzes get wrong comes back, moves up the boxes when right and
// back to box 1 when wrong, and leaves review after box 5.
public sealed class SpacedReviewsTests : IDisposable
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private const string Conversation = "msteams:19:review@thread.v2";
    // Monday 30 Nov 2026, 08:00 UTC.
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(Monday.AddMinutes(1));
    private readonly GuardedQuizStore _store;
    private readonly Participant _ann = new("test:ann", "Ann");

    public SpacedReviewsTests() => _store = GuardedQuizStore.Over(new SqliteQuizStore(_dir.File("quiz.db")));

    public void Dispose() => _dir.Dispose();

    private static Question Q(int i) => Seed.Questions[i];

    private static int Wrong(Question q) => (q.Answer + 1) % q.Choices.Count;

    private SpacedReviews Reviews(BankCatalog? banks = null) => new(_store, banks ?? new BankCatalog([Seed]), _time);

    private RoundAnswers Rounds() => new(_store, new BankCatalog([Seed]), _time, new ReviewMisses(_store, _time));

    private SelfPacedQuizzes Quizzes() => new(_store, new BankCatalog([Seed]), _time, new ReviewMisses(_store, _time));

    private void On(int day, int hour = 9) => _time.SetUtcNow(Monday.Date.AddDays(day).AddHours(hour));

    private static DateTimeOffset Day(int day) => new(Monday.Date.AddDays(day), TimeSpan.Zero);

    // A round post of question `index` opened now in the conversation, answered by the person.
    private async Task<RoundAnswerOutcome> AnswerInRoundAsync(Participant who, int index, int choice, int slotMinute = 0)
    {
        var slot = _time.GetUtcNow().AddMinutes(-1 - slotMinute);
        var post = new RoundPost(RoundPost.IdFor(Conversation, slot, 0), Conversation, Seed.Id, PostedQuestion.Of(Q(index)), slot, slot.AddHours(1), "UTC",
            PostState.Claimed, null, null, "test", null, false);
        var round = await _store.GetRoundAsync(Conversation, default);
        if (round is null)
        {
            round = new Round(Conversation, Seed.Id, "0 8 * * *", "daily 08:00", "UTC", 1, TimeSpan.FromHours(1), true, false, RoundStatus.Active, 0, null,
                null, "admin", slot, 1);
            Assert.True(await _store.SaveRoundAsync(round, null, default));
        }
        Assert.True(await _store.ClaimSlotAsync(round with { Version = round.Version + 1 }, round.Version, [post], default));
        await _store.MarkPostedAsync(post.Id, "act-" + post.Id, slot, default);
        return await Rounds().AnswerAsync(who, Conversation, post.Id, choice, default);
    }

    private async Task<RecallView> AskAsync() => Assert.IsType<ReviewStart.Ask>(await Reviews().StartAsync(_ann, default)).Question;

    private async Task<RecallOutcome.Accepted> AnswerAsync(RecallView asked, int choice) =>
        Assert.IsType<RecallOutcome.Accepted>(await Reviews().AnswerAsync(_ann, asked.BankId, asked.Question.Id, asked.Step, choice, asked.Right,
            asked.Answered, default));

    [Fact]
    public async Task A_question_missed_in_a_round_is_due_the_next_day_moves_to_box_two_when_right_and_back_to_box_one_when_wrong()
    {
        Assert.IsType<RoundAnswerOutcome.Accepted>(await AnswerInRoundAsync(_ann, 0, Wrong(Q(0))));

        // Not the same day: it is due from Tuesday.
        Assert.Equal(Day(1), Assert.IsType<ReviewStart.NothingDue>(await Reviews().StartAsync(_ann, default)).Next);

        On(1);
        var asked = await AskAsync();
        Assert.Equal((Q(0).Id, 1, 1), (asked.Question.Id, asked.Box, asked.Due));
        var right = await AnswerAsync(asked, Q(0).Answer);
        Assert.True(right.Result.Correct);
        Assert.Equal((2, Day(3)), (right.Result.Box, right.Result.DueAt)); // box 2: two days
        Assert.Null(right.Next);
        Assert.Equal(new ReviewTally(1, 1, Day(3)), right.Done);

        On(2);
        Assert.Equal(Day(3), Assert.IsType<ReviewStart.NothingDue>(await Reviews().StartAsync(_ann, default)).Next);

        On(3);
        asked = await AskAsync();
        Assert.Equal(2, asked.Box);
        var wrong = await AnswerAsync(asked, Wrong(Q(0)));
        Assert.False(wrong.Result.Correct);
        Assert.Equal(Q(0).ExplanationFor(Wrong(Q(0))), wrong.Result.Question.ExplanationFor(wrong.Result.Choice));
        Assert.Equal((1, Day(4)), (wrong.Result.Box, wrong.Result.DueAt));
        Assert.Equal(new ReviewTally(0, 1, Day(4)), wrong.Done);
    }

    [Fact]
    public async Task Five_right_answers_in_a_row_retire_a_question_missed_in_a_quiz_until_it_is_missed_again()
    {
        var quizzes = Quizzes();
        var q = Assert.IsType<StartOutcome.Ask>(await quizzes.StartAsync(_ann, "conv", Seed.Id, default)).Question;
        Assert.IsType<AnswerOutcome.Accepted>(await quizzes.AnswerAsync(_ann, q.SessionId, 0, Wrong(Q(0)), default));

        var day = 1;
        foreach (var (box, interval) in new[] { (2, 2), (3, 4), (4, 8), (5, 16) })
        {
            On(day);
            var accepted = await AnswerAsync(await AskAsync(), Q(0).Answer);
            Assert.Equal((box, Day(day + interval)), (accepted.Result.Box, accepted.Result.DueAt));
            Assert.Equal(Day(day + interval), Assert.IsType<ReviewStart.NothingDue>(await Reviews().StartAsync(_ann, default)).Next);
            day += interval;
        }
        On(day);
        var retired = await AnswerAsync(await AskAsync(), Q(0).Answer);
        Assert.True(retired.Result.Retired);
        Assert.Equal(new ReviewTally(1, 1, null), retired.Done);

        On(day + 100);
        Assert.Null(Assert.IsType<ReviewStart.NothingDue>(await Reviews().StartAsync(_ann, default)).Next);

        // Wrong again in a later round: back in box 1, due the next day.
        Assert.IsType<RoundAnswerOutcome.Accepted>(await AnswerInRoundAsync(_ann, 0, Wrong(Q(0))));
        Assert.Equal(Day(day + 101), Assert.IsType<ReviewStart.NothingDue>(await Reviews().StartAsync(_ann, default)).Next);
        On(day + 101);
        Assert.Equal(1, (await AskAsync()).Box);
    }

    [Fact]
    public async Task A_wrong_answer_in_a_later_round_sends_a_question_in_a_higher_box_back_to_box_one()
    {
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));
        On(1);
        await AnswerAsync(await AskAsync(), Q(0).Answer); // box 2, due Thursday

        On(2);
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));

        On(3);
        Assert.Equal(1, (await AskAsync()).Box);
    }

    [Fact]
    public async Task Right_answers_and_repeated_clicks_in_rounds_and_quizzes_add_nothing_to_review()
    {
        await AnswerInRoundAsync(_ann, 0, Q(0).Answer);
        var wrong = await AnswerInRoundAsync(_ann, 1, Wrong(Q(1)), slotMinute: 5);
        var postId = Assert.IsType<RoundAnswerOutcome.Accepted>(wrong).Result.Post.Id;
        Assert.IsType<RoundAnswerOutcome.AlreadyAnswered>(await Rounds().AnswerAsync(_ann, Conversation, postId, Wrong(Q(1)), default));

        On(1);
        var asked = await AskAsync();
        Assert.Equal((Q(1).Id, 1, 0), (asked.Question.Id, asked.Due, asked.Step));
    }

    [Fact]
    public async Task Several_due_questions_are_asked_one_after_another_and_the_sitting_ends_with_a_tally()
    {
        var quizzes = Quizzes();
        var q = Assert.IsType<StartOutcome.Ask>(await quizzes.StartAsync(_ann, "conv", Seed.Id, default)).Question;
        for (var i = 0; i < 3; i++)
        {
            await quizzes.AnswerAsync(_ann, q.SessionId, i, Wrong(Q(i)), default);
        }

        On(1);
        var asked = await AskAsync();
        Assert.Equal(3, asked.Due);
        var seen = new List<string>();
        RecallOutcome.Accepted? last = null;
        for (var n = 0; n < 3; n++)
        {
            seen.Add(asked.Question.Id);
            last = await AnswerAsync(asked, n == 1 ? Wrong(asked.Question) : asked.Question.Answer);
            if (last.Next is { } next)
            {
                Assert.Equal(2 - n, next.Due);
                asked = next;
            }
        }
        Assert.Equal([Q(0).Id, Q(1).Id, Q(2).Id], seen.Order());
        Assert.Null(last!.Next);
        Assert.Equal(new ReviewTally(2, 3, Day(2)), last.Done); // the one missed again is due tomorrow
    }

    [Fact]
    public async Task A_double_click_counts_once_and_shows_the_answer_that_counted()
    {
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));
        On(1);
        var asked = await AskAsync();
        var reviews = Reviews();

        var clicks = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            reviews.AnswerAsync(_ann, asked.BankId, asked.Question.Id, asked.Step, Q(0).Answer, 0, 0, default)));
        var changed = await reviews.AnswerAsync(_ann, asked.BankId, asked.Question.Id, asked.Step, Wrong(Q(0)), 0, 0, default);

        Assert.Single(clicks.OfType<RecallOutcome.Accepted>());
        Assert.Equal(5, clicks.OfType<RecallOutcome.AlreadyAnswered>().Count());
        var repeat = Assert.IsType<RecallOutcome.AlreadyAnswered>(changed);
        Assert.True(repeat.Result.Correct);
        Assert.Equal(SpacedReviews.FirstAnswerStands, repeat.Result.Notice);
        Assert.Equal(2, (await _store.GetReviewCardAsync(_ann.Key, Seed.Id, Q(0).Id, default))!.Box);
    }

    [Fact]
    public async Task A_question_withdrawn_from_its_bank_is_dropped_silently()
    {
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));
        await AnswerInRoundAsync(_ann, 1, Wrong(Q(1)), slotMinute: 5);
        var edited = new BankCatalog([Seed with { Questions = [.. Seed.Questions.Where(q => q.Id != Q(0).Id)] }]);

        On(1);
        var asked = Assert.IsType<ReviewStart.Ask>(await Reviews(edited).StartAsync(_ann, default)).Question;

        Assert.Equal((Q(1).Id, 1), (asked.Question.Id, asked.Due));
        Assert.Null(await _store.GetReviewCardAsync(_ann.Key, Seed.Id, Q(0).Id, default));
    }

    [Theory]
    [InlineData("someone-else", 0, 0, "not in your review")]
    [InlineData("ann", 0, 7, "not one of the choices")]
    [InlineData("ann", 0, -1, "not one of the choices")]
    [InlineData("ann", 3, 0, "moved on")]
    public async Task Forged_or_stale_answers_are_refused_and_move_nothing(string person, int step, int choice, string reason)
    {
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));
        On(1);
        var who = person == "ann" ? _ann : new Participant("test:" + person, "Someone");

        var refused = Assert.IsType<RecallOutcome.Rejected>(await Reviews().AnswerAsync(who, Seed.Id, Q(0).Id, step, choice, 0, 0, default));

        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
        Assert.Equal(new ReviewCard(_ann.Key, Seed.Id, Q(0).Id, 1, Day(1), 0, null), await _store.GetReviewCardAsync(_ann.Key, Seed.Id, Q(0).Id, default));
    }

    [Fact]
    public async Task A_question_not_due_yet_cannot_be_answered_ahead_of_time()
    {
        await AnswerInRoundAsync(_ann, 0, Wrong(Q(0)));

        var refused = Assert.IsType<RecallOutcome.Rejected>(await Reviews().AnswerAsync(_ann, Seed.Id, Q(0).Id, 0, Q(0).Answer, 0, 0, default));

        Assert.Contains("not due", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await _store.GetReviewCardAsync(_ann.Key, Seed.Id, Q(0).Id, default))!.Box);
    }

    [Fact]
    public async Task A_review_store_that_cannot_record_a_miss_does_not_undo_a_quiz_answer()
    {
        var quizzes = new SelfPacedQuizzes(_store, new BankCatalog([Seed]), _time, new ReviewMisses(new UnavailableReviews(), _time));
        var q = Assert.IsType<StartOutcome.Ask>(await quizzes.StartAsync(_ann, "conv", Seed.Id, default)).Question;

        var outcome = await quizzes.AnswerAsync(_ann, q.SessionId, 0, Wrong(Q(0)), default);

        Assert.IsType<AnswerOutcome.Accepted>(outcome);
        Assert.Single(await _store.GetSessionAnswersAsync(q.SessionId, default));
    }

    // Only the outage itself can be staged here: a review store whose every call fails as an unavailable store does.
    private sealed class UnavailableReviews : IReviewStore
    {
        private static Exception Down() => new StoreUnavailableException("review", "test", new TimeoutException());

        public Task RecordMissAsync(string userKey, string bankId, string questionId, DateTimeOffset dueAt, CancellationToken ct) => throw Down();
        public Task<ReviewCard?> GetReviewCardAsync(string userKey, string bankId, string questionId, CancellationToken ct) => throw Down();
        public Task<IReadOnlyList<ReviewCard>> GetDueReviewsAsync(string userKey, DateTimeOffset before, int limit, CancellationToken ct) => throw Down();
        public Task<int> CountDueReviewsAsync(string userKey, DateTimeOffset before, CancellationToken ct) => throw Down();
        public Task<DateTimeOffset?> GetNextReviewAsync(string userKey, CancellationToken ct) => throw Down();
        public Task<bool> MoveReviewAsync(string userKey, string bankId, string questionId, int step, int box, DateTimeOffset dueAt, int choice,
            CancellationToken ct) => throw Down();
        public Task DropReviewAsync(string userKey, string bankId, string questionId, CancellationToken ct) => throw Down();
    }
}
