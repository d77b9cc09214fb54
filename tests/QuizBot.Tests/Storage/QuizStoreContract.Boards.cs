using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private const string Week48 = "week:2026-W48";

    [Fact]
    public async Task Closing_tallies_and_folds_answers_exactly_once_even_when_called_twice()
    {
        var post = await OpenPostAsync("c1", T0);
        await AnswerAsync(post, "ann", true);
        await AnswerAsync(post, "bob", true);
        await AnswerAsync(post, "cat", false, choice: 3);

        var closed = await CloseAsync(post);
        var again = await CloseAsync(post);

        Assert.Equal(post with { State = PostState.Closed, Tally = [0, 2, 0, 1] }, closed, PostComparer);
        Assert.Equal(closed, again, PostComparer);
        var board = await BoardAsync("c1");
        Assert.Equal(3, board.Members);
        Assert.Equal([("ann", 1, 1), ("bob", 1, 1), ("cat", 0, 1)], board.Top.Select(r => (r.Entry.UserKey, r.Entry.Points, r.Entry.Answered)));
        Assert.Equal(board.Top.Select(r => r.Entry), (await BoardAsync("c1", period: Week48)).Top.Select(r => r.Entry));
        Assert.Equal(3, (await BoardAsync("c1", period: "month:2026-11")).Members);
        // Closed means closed: no new answers, and the first one still reported.
        Assert.Equal((false, null), await AnswerAsync(post, "dan", true));
        Assert.Equal("ann", (await AnswerAsync(post, "ann", false)).Existing?.UserKey);
    }

    [Fact]
    public async Task Closing_an_unknown_or_unposted_post_folds_nothing()
    {
        Assert.Null(await Store.ClosePostAsync("c1|1|0", 4, [Periods.All], None));
        await Store.SaveRoundAsync(NewRound("c1"), null, None);
        var claimed = NewPost("c1", T0);
        await Store.ClaimSlotAsync(NewRound("c1", 2), 1, [claimed], None);

        Assert.Equal(claimed, await Store.ClosePostAsync(claimed.Id, 4, [Periods.All], None));
        Assert.Equal(0, (await BoardAsync("c1")).Members);
    }

    [Fact]
    public async Task Boards_rank_by_points_with_ties_sharing_a_rank_and_show_me_beyond_the_top()
    {
        // Points after three posts: ann 3, bob 2, cat 2, dan 1, eve 0.
        var scores = new Dictionary<string, int> { ["ann"] = 3, ["bob"] = 2, ["cat"] = 2, ["dan"] = 1, ["eve"] = 0 };
        for (var day = 0; day < 3; day++)
        {
            var post = await OpenPostAsync("c1", T0.AddHours(day * 9));
            foreach (var (user, points) in scores)
            {
                await AnswerAsync(post, user, day < points);
            }
            await CloseAsync(post);
        }

        var page = await BoardAsync("c1", top: 3, user: "eve");
        Assert.Equal([(1, "ann", 3), (2, "bob", 2), (2, "cat", 2)], page.Top.Select(r => (r.Rank, r.Entry.UserKey, r.Entry.Points)));
        Assert.Equal((5, 0, 3), (page.Me!.Rank, page.Me.Entry.Points, page.Me.Entry.Answered));
        Assert.Equal(5, page.Members);

        var cut = await BoardAsync("c1", top: 2, user: "cat");
        Assert.Equal(["ann", "bob"], cut.Top.Select(r => r.Entry.UserKey));
        Assert.Equal((2, "cat"), (cut.Me!.Rank, cut.Me.Entry.UserKey));
        Assert.Equal((2, "bob"), ((await BoardAsync("c1", user: "bob")).Me is { } bob ? (bob.Rank, bob.Entry.UserKey) : default));

        var meOnly = await BoardAsync("c1", top: 0, user: "dan");
        Assert.Empty(meOnly.Top);
        Assert.Equal((4, 1), (meOnly.Me!.Rank, meOnly.Me.Entry.Points));
        Assert.Null((await BoardAsync("c1", user: "zed")).Me);
        Assert.Equal(new BoardPage([], null, 0), await BoardAsync("c1", period: "week:2020-W01", user: "ann"), PageComparer);
    }

    [Fact]
    public async Task Streaks_count_correct_answers_in_a_row_across_posts_on_every_board()
    {
        bool[] answers = [true, true, false, true];
        for (var i = 0; i < answers.Length; i++)
        {
            var post = await OpenPostAsync("c1", T0.AddHours(i * 9));
            await Store.AddPostAnswerAsync(new PostAnswer(post.Id, "ann", $"Ann {i}", 1, answers[i], post.SlotAt.AddMinutes(1)), None);
            await CloseAsync(post);
        }

        foreach (var period in new[] { Periods.All, Week48 })
        {
            var ann = (await BoardAsync("c1", user: "ann", period: period)).Me!.Entry;
            Assert.Equal(new BoardEntry("ann", "Ann 3", 3, 3, 4, 1, 2), ann);
        }
    }

    [Fact]
    public async Task Folding_into_periods_without_the_all_time_board_still_counts_its_streak()
    {
        var first = await OpenPostAsync("c1", T0);
        await AnswerAsync(first, "ann", true);
        await CloseAsync(first);
        var second = await OpenPostAsync("c1", T0.AddDays(1));
        await AnswerAsync(second, "ann", true);

        await Store.ClosePostAsync(second.Id, 4, ["custom"], None);

        Assert.Equal((1, 2), (await BoardAsync("c1", user: "ann", period: "custom")).Me is { } me ? (me.Entry.Points, me.Entry.Streak) : default);
        Assert.Equal(1, (await BoardAsync("c1", user: "ann")).Me?.Entry.Points);
    }

    private static readonly IEqualityComparer<RoundPost?> PostComparer = EqualityComparer<RoundPost?>.Create(
        (a, b) => a is null ? b is null : b is not null && a with { Tally = null } == b with { Tally = null } && (a.Tally ?? []).SequenceEqual(b.Tally ?? []),
        p => p?.Id.GetHashCode(StringComparison.Ordinal) ?? 0);

    private static readonly IEqualityComparer<BoardPage> PageComparer = EqualityComparer<BoardPage>.Create(
        (a, b) => a!.Members == b!.Members && a.Me == b.Me && a.Top.SequenceEqual(b.Top), p => p.Members);
}
