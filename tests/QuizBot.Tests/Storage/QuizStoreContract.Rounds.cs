using QuizBot.Storage;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    [Fact]
    public async Task A_round_is_created_once_and_then_saved_only_at_the_expected_version()
    {
        var round = NewRound("c1");
        Assert.True(await Store.SaveRoundAsync(round, null, None));
        Assert.False(await Store.SaveRoundAsync(round with { BankId = "other" }, null, None));

        var paused = round with { Status = RoundStatus.Paused, Version = 2 };
        Assert.False(await Store.SaveRoundAsync(paused, 7, None));
        Assert.Equal(round, await Store.GetRoundAsync("c1", None));
        Assert.True(await Store.SaveRoundAsync(paused, 1, None));
        Assert.False(await Store.SaveRoundAsync(paused with { Version = 3 }, 1, None));

        Assert.Equal(paused, await Store.GetRoundAsync("c1", None));
        Assert.Null(await Store.GetRoundAsync("c2", None));
    }

    [Fact]
    public async Task Due_rounds_are_active_rounds_whose_slot_or_board_time_has_come()
    {
        await Store.SaveRoundAsync(NewRound("slot-now"), null, None);
        await Store.SaveRoundAsync(NewRound("later") with { NextDueAt = T0.AddHours(1) }, null, None);
        await Store.SaveRoundAsync(NewRound("paused") with { Status = RoundStatus.Paused, NextDueAt = T0.AddHours(-1) }, null, None);
        await Store.SaveRoundAsync(NewRound("board-only") with { NextDueAt = null, WeeklyBoard = true, NextBoardAt = T0.AddMinutes(-1) }, null, None);

        Assert.Equal(["board-only", "slot-now"], await DueAsync(T0));
        Assert.Equal(["board-only"], await DueAsync(T0.AddSeconds(-1)));

        // Rescheduling into the past and claiming a slot both move what is due.
        var later = (await Store.GetRoundAsync("later", None))!;
        Assert.True(await Store.SaveRoundAsync(later with { NextDueAt = T0.AddHours(-2), Version = 2 }, 1, None));
        var now = (await Store.GetRoundAsync("slot-now", None))!;
        Assert.True(await Store.ClaimSlotAsync(now with { NextDueAt = T0.AddDays(1), Version = 2 }, 1, [], None));
        var paused = (await Store.GetRoundAsync("paused", None))!;
        Assert.True(await Store.SaveRoundAsync(paused with { Status = RoundStatus.Active, Version = 2 }, 1, None));

        Assert.Equal(["board-only", "later", "paused"], await DueAsync(T0));
        Assert.Equal(["board-only", "later", "paused", "slot-now"], await DueAsync(T0.AddDays(1)));
    }

    private async Task<List<string>> DueAsync(DateTimeOffset now) =>
        (await Store.GetDueRoundsAsync(now, None)).Select(r => r.ConversationKey).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Only_one_claim_of_a_slot_succeeds()
    {
        var round = NewRound("c1");
        await Store.SaveRoundAsync(round, null, None);
        var advanced = round with { Cursor = 2, NextDueAt = T0.AddDays(1), Version = 2 };
        RoundPost[] posts = [NewPost("c1", T0, 0), NewPost("c1", T0, 1)];

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Store.ClaimSlotAsync(advanced, 1, posts, None)));

        Assert.Single(claims, c => c);
        Assert.Equal(advanced, await Store.GetRoundAsync("c1", None));
        Assert.Equal(posts[1], await Store.GetPostAsync(posts[1].Id, None));
        Assert.False(await Store.ClaimSlotAsync(advanced with { Version = 3 }, 1, [], None));
    }

    [Fact]
    public async Task A_claim_whose_post_already_exists_fails_and_changes_nothing()
    {
        var round = NewRound("c1");
        await Store.SaveRoundAsync(round, null, None);
        var post = NewPost("c1", T0);
        Assert.True(await Store.ClaimSlotAsync(round with { Cursor = 1, Version = 2 }, 1, [post], None));

        Assert.False(await Store.ClaimSlotAsync(round with { Cursor = 5, Version = 3 }, 2, [post with { Question = new PostedQuestion("other", 0, 3) }], None));

        Assert.Equal(round with { Cursor = 1, Version = 2 }, await Store.GetRoundAsync("c1", None));
        Assert.Equal(post.Question, (await Store.GetPostAsync(post.Id, None))?.Question);
    }

    [Fact]
    public async Task A_claimed_post_takes_answers_only_once_posted_and_until_it_closes()
    {
        await Store.SaveRoundAsync(NewRound("c1"), null, None);
        var post = NewPost("c1", T0);
        await Store.ClaimSlotAsync(NewRound("c1", 2), 1, [post], None);
        Assert.Equal((false, null), await AnswerAsync(post, "early", true));

        await Store.MarkPostedAsync(post.Id, "msg-1", T0.AddSeconds(3), None);
        await Store.MarkPostedAsync(post.Id, "msg-2", T0.AddSeconds(9), None);
        var posted = await Store.GetPostAsync(post.Id, None);
        Assert.Equal(post with { State = PostState.Posted, MessageId = "msg-1", PostedAt = T0.AddSeconds(3) }, posted);

        Assert.True((await AnswerAsync(post, "ann", true)).Inserted);
        var late = new PostAnswer(post.Id, "bob", "Bob", 1, true, post.ClosesAt);
        Assert.Equal((false, null), await Store.AddPostAnswerAsync(late, None));
        Assert.Equal(["ann"], (await Store.GetPostAnswersAsync(post.Id, None)).Select(a => a.UserKey));
    }

    [Fact]
    public async Task A_second_answer_is_a_conflict_that_returns_the_first()
    {
        var post = await OpenPostAsync("c1", T0);
        var first = new PostAnswer(post.Id, "ann", "Ann", 2, false, T0.AddMinutes(1));
        Assert.Equal((true, null), await Store.AddPostAnswerAsync(first, None));

        var second = await Store.AddPostAnswerAsync(first with { Choice = 1, Correct = true, AnsweredAt = T0.AddMinutes(2) }, None);

        Assert.Equal((false, first), second);
        Assert.Equal([first], await Store.GetPostAnswersAsync(post.Id, None));
    }

    [Fact]
    public async Task A_wrong_answers_review_entry_is_written_with_it_and_only_when_the_answer_is_inserted()
    {
        var post = await OpenPostAsync("c1", T0);
        var due = T0.AddDays(1);
        var wrong = new PostAnswer(post.Id, "ann", "Ann", 2, false, T0.AddMinutes(1));

        Assert.Equal((true, null), await Store.AddPostAnswerAsync(wrong, new ReviewMiss("bank", "q1", due), None));
        var card = await Store.GetReviewCardAsync("ann", "bank", "q1", None);
        Assert.Equal((1, due), (card!.Box, card.DueAt));

        // A repeated click, and a late answer, leave the review as it was.
        Assert.Equal((false, wrong), await Store.AddPostAnswerAsync(wrong with { AnsweredAt = T0.AddMinutes(2) }, new ReviewMiss("bank", "q1", due.AddDays(5)), None));
        var late = new PostAnswer(post.Id, "bob", "Bob", 2, false, post.ClosesAt);
        Assert.Equal((false, null), await Store.AddPostAnswerAsync(late, new ReviewMiss("bank", "q1", due), None));
        Assert.Equal(card, await Store.GetReviewCardAsync("ann", "bank", "q1", None));
        Assert.Null(await Store.GetReviewCardAsync("bob", "bank", "q1", None));
    }

    [Fact]
    public async Task One_persons_answer_and_a_posts_count_with_its_latest_answerers_are_read_without_the_rest()
    {
        var post = await OpenPostAsync("c1", T0);
        for (var i = 0; i < 5; i++)
        {
            await Store.AddPostAnswerAsync(new PostAnswer(post.Id, $"user/{i}", $"User {i}", i % 4, i % 4 == 1, T0.AddSeconds(10 + i)), None);
        }

        Assert.Equal(new PostAnswer(post.Id, "user/3", "User 3", 3, false, T0.AddSeconds(13)), await Store.GetPostAnswerAsync(post.Id, "user/3", None));
        Assert.Null(await Store.GetPostAnswerAsync(post.Id, "nobody", None));
        var summary = await Store.GetPostSummaryAsync(post.Id, 2, None);
        Assert.Equal(5, summary.Count);
        Assert.Equal(["user/4", "user/3"], summary.Recent.Select(a => a.UserKey));
        Assert.Equal(0, (await Store.GetPostSummaryAsync("no-such-post", 2, None)).Count);
    }

    [Fact]
    public async Task Posts_are_listed_to_close_from_their_close_time_until_the_closed_card_is_sent()
    {
        var post = await OpenPostAsync("c1", T0);
        await Store.SaveRoundAsync(NewRound("c2"), null, None);
        var failed = NewPost("c2", T0);
        await Store.ClaimSlotAsync(NewRound("c2", 2), 1, [failed], None);
        await Store.MarkPostFailedAsync(failed.Id, None);
        await Store.MarkPostedAsync(failed.Id, "too-late", T0, None);
        Assert.Equal(PostState.Failed, (await Store.GetPostAsync(failed.Id, None))?.State);

        Assert.Empty(await Store.GetPostsToCloseAsync(post.ClosesAt.AddSeconds(-1), None));
        Assert.Equal([post.Id], (await Store.GetPostsToCloseAsync(post.ClosesAt, None)).Select(p => p.Id));
        await CloseAsync(post);
        Assert.Equal([PostState.Closed], (await Store.GetPostsToCloseAsync(post.ClosesAt, None)).Select(p => p.State));
        await Store.MarkClosedCardSentAsync(post.Id, None);

        Assert.Empty(await Store.GetPostsToCloseAsync(post.ClosesAt.AddDays(30), None));
        Assert.True((await Store.GetPostAsync(post.Id, None))?.ClosedCardSent);
        Assert.True((await Store.GetClosedPostsAsync("c1", 10, None)).Single().ClosedCardSent);
    }

    [Fact]
    public async Task Closed_posts_are_listed_newest_first_up_to_the_limit()
    {
        var posts = new List<RoundPost>();
        for (var day = 0; day < 3; day++)
        {
            posts.Add(await OpenPostAsync("c1", T0.AddDays(day)));
            await CloseAsync(posts[^1]);
        }
        await OpenPostAsync("c1", T0.AddDays(3)); // still open

        var listed = await Store.GetClosedPostsAsync("c1", 2, None);

        Assert.Equal([posts[2].Id, posts[1].Id], listed.Select(p => p.Id));
        Assert.All(listed, p => Assert.Equal([0, 0, 0, 0], p.Tally));
        Assert.Empty(await Store.GetClosedPostsAsync("c2", 10, None));
    }
}
