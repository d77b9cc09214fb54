using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_miss_puts_the_question_in_box_one_and_it_is_due_from_that_day_for_that_person_only()
    {
        await Store.RecordMissAsync("ann", "bank", "q1", Day1, None);
        await Store.RecordMissAsync("ann", "bank", "q2", Day1.AddDays(1), None);
        await Store.RecordMissAsync("bob", "bank", "q1", Day1, None);

        Assert.Equal(new ReviewCard("ann", "bank", "q1", 1, Day1, 0, null), await Store.GetReviewCardAsync("ann", "bank", "q1", None));
        // Due "before" the end of a day: nothing before day 1 ends, one on day 1, both on day 2.
        Assert.Equal(0, await Store.CountDueReviewsAsync("ann", Day1, None));
        Assert.Equal(1, await Store.CountDueReviewsAsync("ann", Day1.AddDays(1), None));
        Assert.Equal(2, await Store.CountDueReviewsAsync("ann", Day1.AddDays(2), None));
        Assert.Equal(["q1", "q2"], (await Store.GetDueReviewsAsync("ann", Day1.AddDays(2), 10, None)).Select(c => c.QuestionId));
        Assert.Equal(["q1"], (await Store.GetDueReviewsAsync("ann", Day1.AddDays(2), 1, None)).Select(c => c.QuestionId));
        Assert.Equal(Day1, await Store.GetNextReviewAsync("ann", None));
        Assert.Null(await Store.GetNextReviewAsync("cat", None));
        Assert.Empty(await Store.GetDueReviewsAsync("cat", Day1.AddDays(30), 10, None));
    }

    [Fact]
    public async Task Due_cards_are_listed_earliest_first()
    {
        await Store.RecordMissAsync("ann", "bank", "late", Day1.AddDays(3), None);
        await Store.RecordMissAsync("ann", "bank", "early", Day1, None);
        await Store.RecordMissAsync("ann", "other", "middle", Day1.AddDays(1), None);

        var due = await Store.GetDueReviewsAsync("ann", Day1.AddDays(5), 10, None);

        Assert.Equal(["early", "middle", "late"], due.Select(c => c.QuestionId));
        Assert.Equal("other", due[1].BankId);
    }

    [Fact]
    public async Task A_move_names_the_step_it_saw_so_a_repeated_or_racing_answer_moves_the_card_once()
    {
        await Store.RecordMissAsync("ann", "bank", "q1", Day1, None);

        var moves = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Store.MoveReviewAsync("ann", "bank", "q1", 0, 2, Day1.AddDays(2), 3, None)));

        Assert.Equal(1, moves.Count(m => m));
        Assert.False(await Store.MoveReviewAsync("ann", "bank", "q1", 0, 1, Day1.AddDays(1), 0, None));
        Assert.Equal(new ReviewCard("ann", "bank", "q1", 2, Day1.AddDays(2), 1, 3), await Store.GetReviewCardAsync("ann", "bank", "q1", None));
        Assert.False(await Store.MoveReviewAsync("ann", "bank", "missing", 0, 2, Day1, 0, None));
        Assert.Null(await Store.GetReviewCardAsync("ann", "bank", "missing", None));
    }

    [Fact]
    public async Task A_later_miss_sends_a_card_back_to_box_one_and_a_retired_card_is_never_due()
    {
        await Store.RecordMissAsync("ann", "bank", "q1", Day1, None);
        Assert.True(await Store.MoveReviewAsync("ann", "bank", "q1", 0, 3, Day1.AddDays(4), 1, None));

        await Store.RecordMissAsync("ann", "bank", "q1", Day1.AddDays(2), None);

        Assert.Equal(new ReviewCard("ann", "bank", "q1", 1, Day1.AddDays(2), 2, null), await Store.GetReviewCardAsync("ann", "bank", "q1", None));
        Assert.True(await Store.MoveReviewAsync("ann", "bank", "q1", 2, ReviewCard.Retired, Day1.AddDays(2), 1, None));
        Assert.Equal(0, await Store.CountDueReviewsAsync("ann", Day1.AddDays(400), None));
        Assert.Empty(await Store.GetDueReviewsAsync("ann", Day1.AddDays(400), 10, None));
        Assert.Null(await Store.GetNextReviewAsync("ann", None));
        Assert.Equal(ReviewCard.Retired, (await Store.GetReviewCardAsync("ann", "bank", "q1", None))?.Box);
    }

    [Fact]
    public async Task A_dropped_card_is_gone_and_dropping_it_again_is_harmless()
    {
        await Store.RecordMissAsync("ann", "bank", "q1", Day1, None);

        await Store.DropReviewAsync("ann", "bank", "q1", None);
        await Store.DropReviewAsync("ann", "bank", "q1", None);

        Assert.Null(await Store.GetReviewCardAsync("ann", "bank", "q1", None));
        Assert.Equal(0, await Store.CountDueReviewsAsync("ann", Day1.AddDays(5), None));
    }

    [Fact]
    public async Task Hostile_ids_name_their_own_review_card()
    {
        string[] users = ["ann|bank", "ann", "a/b#c?d\\e", "ann'", "\u0001"];
        foreach (var user in users)
        {
            await Store.RecordMissAsync(user, "bank|x", "q'1", Day1, None);
        }

        foreach (var user in users)
        {
            Assert.Equal(1, await Store.CountDueReviewsAsync(user, Day1.AddDays(1), None));
            Assert.Equal(new ReviewCard(user, "bank|x", "q'1", 1, Day1, 0, null), await Store.GetReviewCardAsync(user, "bank|x", "q'1", None));
        }
        Assert.Null(await Store.GetReviewCardAsync("ann", "bank", "x|q'1", None));
    }
}
