using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

// Revising a post after the fact (a dispute accepted): every board must end as it would have, had the post closed that
// way. The expected boards are never worked out by hand: the same answers are played into a second conversation of the
// same store, with the post left out or marked by its new key, and closed the ordinary way.
public abstract partial class QuizStoreContract
{
    // A second store over the same database (the same file, the same tables): another instance of the service.
    private protected abstract Task<IQuizStore> OpenSecondInstanceAsync();

    // Six posts two days apart from Monday 23 November: two ISO weeks and two months. Post 3 (Sunday the 29th) is the one
    // revised; answers after it carry streaks that ran through it. Each string is one post's choices, by user; the key is 1.
    private static readonly string[] Users = ["ann", "bob", "cat", "dan", "fay"];
    private static readonly int?[][] Choices =
    [
        [1, 1, 0, 1, null],
        [1, 0, 1, 1, null],
        [1, 1, 1, 0, null],
        [0, 1, 2, 1, 1],    // fay answers only this one: voiding it takes her off its boards
        [1, 1, 1, 2, null],
        [1, 2, 1, 1, null],
    ];
    private const int Revised = 3;

    private static DateTimeOffset Slot(int n) => T0.AddDays(2 * n);

    private static IReadOnlyList<string> AllPeriods =>
        [.. Enumerable.Range(0, Choices.Length).SelectMany(n => Periods.For(Slot(n), TimeZoneInfo.Utc)).Distinct()];

    // Plays the posts into the conversation. skip: the post left out; keyOf: the key a post's answers are marked with.
    private async Task<RoundPost[]> PlayAsync(string conversation, int? skip = null, Func<int, int>? keyOf = null, bool closeRevised = true)
    {
        var posts = new RoundPost[Choices.Length];
        for (var n = 0; n < Choices.Length; n++)
        {
            if (n == skip)
            {
                continue;
            }
            posts[n] = await OpenPostAsync(conversation, Slot(n));
            var key = keyOf?.Invoke(n) ?? 1;
            for (var u = 0; u < Users.Length; u++)
            {
                if (Choices[n][u] is { } choice)
                {
                    Assert.True((await AnswerAsync(posts[n], Users[u], choice == key, choice)).Inserted);
                }
            }
            if (n != Revised || closeRevised)
            {
                Assert.Equal(PostState.Closed, (await CloseAsync(posts[n]))?.State);
            }
        }
        return posts;
    }

    // Every board of the conversation as its readers see it: members, each row with its rank, and each member's own rank.
    private static async Task<List<string>> BoardsAsync(IQuizStore store, string conversation)
    {
        var lines = new List<string>();
        foreach (var period in AllPeriods)
        {
            var page = await store.GetBoardAsync(conversation, period, 100, "", None);
            lines.Add($"{period}: {page.Members} members");
            lines.AddRange(page.Top.Select(r => $"{period} #{r.Rank} {r.Entry}"));
            // Each member's rank read from outside the top (top 0), the way a mid-table asker's is.
            foreach (var user in Users)
            {
                lines.Add($"{period} {user} #{(await store.GetBoardAsync(conversation, period, 0, user, None)).Me?.Rank}");
            }
        }
        return lines;
    }

    private static int KeyTwoForRevised(int n) => n == Revised ? 2 : 1;

    private Task<RoundPost?> ReviseAsync(RoundPost post, int? answer, IQuizStore? store = null) =>
        (store ?? Store).RevisePostAsync(post.Id, answer, Periods.For(post.SlotAt, TimeZoneInfo.Utc), None);

    [Fact]
    public async Task Voiding_a_closed_post_leaves_every_board_as_if_it_had_never_counted()
    {
        var posts = await PlayAsync("c");
        await PlayAsync("expected", skip: Revised);
        var before = await BoardsAsync(Store, "c");

        var voided = await ReviseAsync(posts[Revised], null);

        Assert.Equal(PostState.Void, voided?.State);
        Assert.Equal([1, 3, 1, 0], voided?.Tally); // the tally stays: it is what people chose
        Assert.NotEqual(before, await BoardsAsync(Store, "c"));
        Assert.Equal(await BoardsAsync(Store, "expected"), await BoardsAsync(Store, "c"));
        Assert.DoesNotContain(await Store.GetClosedPostsAsync("c", 10, None), p => p.Id == posts[Revised].Id);
    }

    [Fact]
    public async Task A_new_answer_on_a_closed_post_leaves_every_board_as_if_it_had_closed_with_that_key()
    {
        var posts = await PlayAsync("c");
        await PlayAsync("expected", keyOf: KeyTwoForRevised);

        var revised = await ReviseAsync(posts[Revised], 2);

        Assert.Equal((PostState.Closed, 2), (revised?.State, revised?.Question.Answer));
        Assert.Equal([1, 3, 1, 0], revised?.Tally);
        Assert.Equal(await BoardsAsync(Store, "expected"), await BoardsAsync(Store, "c"));
        // The closed card, the person's own result and later reads all score with the new key.
        Assert.Equal(2, (await Store.GetPostAsync(posts[Revised].Id, None))?.Question.Answer);
        Assert.Equal(["cat"], (await Store.GetPostAnswersAsync(posts[Revised].Id, None)).Where(a => a.Correct).Select(a => a.UserKey));
        Assert.Equal(2, (await Store.GetClosedPostsAsync("c", 10, None)).Single(p => p.Id == posts[Revised].Id).Question.Answer);
    }

    [Fact]
    public async Task Revising_again_changes_nothing_more_and_a_void_can_be_given_a_new_key_after_all()
    {
        var posts = await PlayAsync("c");
        await PlayAsync("void", skip: Revised);
        await PlayAsync("rekeyed", keyOf: KeyTwoForRevised);

        await ReviseAsync(posts[Revised], null);
        Assert.Equal(PostState.Void, (await ReviseAsync(posts[Revised], null))?.State);
        Assert.Equal(await BoardsAsync(Store, "void"), await BoardsAsync(Store, "c"));

        await ReviseAsync(posts[Revised], 2);
        await ReviseAsync(posts[Revised], 2);
        Assert.Equal(await BoardsAsync(Store, "rekeyed"), await BoardsAsync(Store, "c"));

        await PlayAsync("original");
        await ReviseAsync(posts[Revised], 1);
        Assert.Equal(await BoardsAsync(Store, "original"), await BoardsAsync(Store, "c"));
    }

    [Fact]
    public async Task Voiding_an_open_post_makes_its_close_count_for_nobody()
    {
        var posts = await PlayAsync("c", closeRevised: false);
        await PlayAsync("expected", skip: Revised);

        var voided = await ReviseAsync(posts[Revised], null);
        var closed = await CloseAsync(posts[Revised]);

        Assert.Equal((PostState.Void, null), (voided?.State, voided?.Tally));
        Assert.Equal(PostState.Void, closed?.State);
        Assert.Equal(await BoardsAsync(Store, "expected"), await BoardsAsync(Store, "c"));
    }

    [Fact]
    public async Task A_new_answer_on_an_open_post_is_the_key_its_close_scores_against()
    {
        var open = await OpenPostAsync("c", Slot(0));
        await AnswerAsync(open, "ann", true, 1);
        await AnswerAsync(open, "bob", false, 2);

        var revised = await ReviseAsync(open, 2);
        // The engine marks a later answer with the key the post holds now.
        await AnswerAsync(open, "cat", revised?.Question.Answer == 2, 2);
        var closed = await CloseAsync(open);

        Assert.Equal((PostState.Posted, 2), (revised?.State, revised?.Question.Answer));
        Assert.Equal((PostState.Closed, 2), (closed?.State, closed?.Question.Answer));
        var board = await BoardAsync("c");
        Assert.Equal(new Dictionary<string, int> { ["ann"] = 0, ["bob"] = 1, ["cat"] = 1 }, board.Top.ToDictionary(r => r.Entry.UserKey, r => r.Entry.Points));
    }

    [Fact]
    public async Task Revising_an_unknown_post_finds_nothing()
    {
        Assert.Null(await Store.RevisePostAsync("no-such-post", null, Periods.For(T0, TimeZoneInfo.Utc), None));
        Assert.Null(await Store.RevisePostAsync("no-such-post", 1, Periods.For(T0, TimeZoneInfo.Utc), None));
    }

    [Fact]
    public async Task A_key_outside_the_choices_is_refused_and_changes_nothing()
    {
        var posts = await PlayAsync("c");
        var before = await BoardsAsync(Store, "c");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReviseAsync(posts[Revised], 4));

        Assert.Contains("one of the post's 4 choices (0 to 3)", error.Message);
        Assert.Equal(before, await BoardsAsync(Store, "c"));
        var post = await Store.GetPostAsync(posts[Revised].Id, None);
        Assert.Equal((PostState.Closed, 1), (post?.State, post?.Question.Answer));
    }

    [Fact]
    public async Task Two_instances_revising_at_once_count_it_once()
    {
        var posts = await PlayAsync("c");
        await PlayAsync("void", skip: Revised);
        await PlayAsync("rekeyed", keyOf: KeyTwoForRevised);
        var second = await OpenSecondInstanceAsync();

        await Task.WhenAll(ReviseAsync(posts[Revised], null), ReviseAsync(posts[Revised], null, second));
        Assert.Equal(await BoardsAsync(Store, "void"), await BoardsAsync(Store, "c"));

        await Task.WhenAll(ReviseAsync(posts[Revised], 2), ReviseAsync(posts[Revised], 2, second));
        Assert.Equal(await BoardsAsync(Store, "rekeyed"), await BoardsAsync(Store, "c"));
        Assert.Equal(await BoardsAsync(Store, "rekeyed"), await BoardsAsync(second, "c"));
    }
}
