using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Storage;

// Posts and sessions keep question ids and the key a question was posted with (a bank edit re-scores nothing); rows
// from before keep reading as they were written.
public abstract partial class QuizStoreContract
{
    [Fact]
    public async Task A_post_keeps_the_question_id_and_key_it_was_claimed_with_through_its_close()
    {
        var round = NewRound("c1");
        await Store.SaveRoundAsync(round, null, None);
        var post = NewPost("c1", T0) with { Question = new PostedQuestion("question-7", 2, 5) };
        Assert.True(await Store.ClaimSlotAsync(round with { Cursor = 1, Version = 2 }, 1, [post], None));
        Assert.Equal(post.Question, (await Store.GetPostAsync(post.Id, None))!.Question);

        await Store.MarkPostedAsync(post.Id, "m1", T0, None);
        Assert.Equal(post.Question, Assert.Single(await Store.GetOpenPostsAsync("c1", T0, 10, None)).Question);
        Assert.Equal(post.Question, Assert.Single(await Store.GetPostsToCloseAsync(post.ClosesAt, None)).Question);
        await Store.ClosePostAsync(post.Id, 5, Periods.For(T0, TimeZoneInfo.Utc), None);
        Assert.Equal(post.Question, Assert.Single(await Store.GetClosedPostsAsync("c1", 10, None)).Question);
    }

    [Fact]
    public async Task A_void_post_counts_for_nobody_and_is_listed_for_its_card_until_the_card_is_sent()
    {
        var post = await OpenPostAsync("c1", T0);
        Assert.True((await AnswerAsync(post, "ann", true)).Inserted);

        Assert.Equal(PostState.Void, (await Store.VoidPostAsync(post.Id, None))?.State);

        // Closing it again changes nothing: no tally, no board, not among the closed posts.
        Assert.Equal(PostState.Void, (await CloseAsync(post))?.State);
        Assert.Null((await Store.GetPostAsync(post.Id, None))!.Tally);
        Assert.Empty((await BoardAsync("c1")).Top);
        Assert.Empty(await Store.GetClosedPostsAsync("c1", 10, None));
        Assert.Empty(await Store.GetOpenPostsAsync("c1", T0, 10, None));
        Assert.Equal([post.Id], (await Store.GetPostsToCloseAsync(post.ClosesAt, None)).Select(p => p.Id));

        await Store.MarkClosedCardSentAsync(post.Id, None);
        Assert.Empty(await Store.GetPostsToCloseAsync(post.ClosesAt.AddDays(1), None));
        Assert.Equal(PostState.Void, (await Store.GetPostAsync(post.Id, None))?.State);
    }

    [Fact]
    public async Task A_closed_post_is_never_voided()
    {
        var post = await OpenPostAsync("c1", T0);
        Assert.True((await AnswerAsync(post, "ann", true)).Inserted);
        await CloseAsync(post);

        Assert.Equal(PostState.Closed, (await Store.VoidPostAsync(post.Id, None))?.State);
        Assert.Equal(1, (await BoardAsync("c1")).Top.Single().Entry.Points);
    }

    [Fact]
    public async Task A_session_keeps_its_question_ids_in_order_and_each_answer_names_its_question()
    {
        var session = NewSession("s1", "ann") with { QuestionIds = QuizSession.Join(["c-q", "a-q", "b-q"]) };
        await Store.StartSessionAsync(session, None);
        Assert.Equal(["c-q", "a-q", "b-q"], (await Store.GetSessionAsync("s1", None))!.Order);

        Assert.True((await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 2, true, T0, "c-q"), 3, None)).Inserted);
        Assert.True((await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 1, SessionAnswer.Skipped, false, T0, "a-q"), 3, None)).Inserted);

        Assert.Equal(["c-q", "a-q"], (await Store.GetSessionAnswersAsync("s1", None)).Select(a => a.QuestionId));
        Assert.Equal((2, 1), ((await Store.GetSessionAsync("s1", None))!.Position, (await Store.GetSessionAsync("s1", None))!.Score));
    }

    [Fact]
    public async Task Posts_and_sessions_written_before_ids_were_kept_read_with_their_positions()
    {
        var post = await OpenPostAsync("c1", T0);
        var session = NewSession("s1", "ann") with { QuestionIds = QuizSession.Join(["a", "b"]) };
        await Store.StartSessionAsync(session, None);
        await Store.AddSessionAnswerAsync(new SessionAnswer("s1", 0, 2, true, T0, "a"), 2, None);

        await MakeLegacyAsync(post.Id, 3, "s1");

        Assert.Equal(post with { Question = PostedQuestion.AtLegacyPosition(3) }, await Store.GetPostAsync(post.Id, None));
        Assert.Equal(session with { Position = 1, Score = 1, QuestionIds = null }, await Store.GetSessionAsync("s1", None));
        Assert.Equal([new SessionAnswer("s1", 0, 2, true, T0)], await Store.GetSessionAnswersAsync("s1", None));
        // And they go on working: answers to the post still count at its close.
        Assert.True((await AnswerAsync(post, "bob", true)).Inserted);
        Assert.Equal(PostState.Closed, (await CloseAsync(post))?.State);
    }
}
