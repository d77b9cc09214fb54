using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Storage;

// A claim is a lease: a post still Claimed past it is found by the tick, whichever instance claimed it.
public abstract partial class QuizStoreContract
{
    private async Task<RoundPost> ClaimAsync(string conversation, DateTimeOffset slot, DateTimeOffset leaseUntil)
    {
        var round = await Store.GetRoundAsync(conversation, None);
        if (round is null)
        {
            round = NewRound(conversation);
            Assert.True(await Store.SaveRoundAsync(round, null, None));
        }
        var post = NewPost(conversation, slot) with { LeaseUntil = leaseUntil };
        Assert.True(await Store.ClaimSlotAsync(round with { Cursor = round.Cursor + 1, Version = round.Version + 1 }, round.Version, [post], None));
        return post;
    }

    private async Task<List<string>> LapsedAsync(DateTimeOffset now, int limit = 10) =>
        [.. (await Store.GetLapsedClaimsAsync(now, limit, None)).Select(p => p.Id)];

    [Fact]
    public async Task A_claim_lapses_at_its_lease_and_only_while_it_is_still_claimed()
    {
        var stuck = await ClaimAsync("c1", T0, T0.AddMinutes(2));
        var posted = await ClaimAsync("c2", T0, T0.AddMinutes(2));
        var failed = await ClaimAsync("c3", T0, T0.AddMinutes(2));
        var later = await ClaimAsync("c4", T0, T0.AddMinutes(5));
        Assert.Equal(T0.AddMinutes(2), (await Store.GetPostAsync(stuck.Id, None))?.LeaseUntil);
        await Store.MarkPostedAsync(posted.Id, "m", T0.AddSeconds(1), None);
        await Store.MarkPostFailedAsync(failed.Id, None);

        Assert.Empty(await LapsedAsync(T0.AddMinutes(2).AddMilliseconds(-1)));
        Assert.Equal([stuck.Id], await LapsedAsync(T0.AddMinutes(2)));
        Assert.Equal([stuck.Id, later.Id], await LapsedAsync(T0.AddMinutes(6)));
        Assert.Equal([stuck.Id], await LapsedAsync(T0.AddMinutes(6), limit: 1));

        // Resolved either way, a claim is never listed again.
        await Store.MarkPostedAsync(stuck.Id, null, T0.AddMinutes(6), None);
        await Store.MarkPostFailedAsync(later.Id, None);
        Assert.Empty(await LapsedAsync(T0.AddMinutes(7)));
        Assert.Empty(await LapsedAsync(T0.AddDays(1)));
    }

    [Fact]
    public async Task A_post_opened_without_a_message_id_takes_the_first_one_reported_later()
    {
        var post = await ClaimAsync("c1", T0, T0.AddMinutes(2));
        await Store.MarkPostedAsync(post.Id, null, T0.AddMinutes(3), None);
        Assert.True((await AnswerAsync(post, "ann", true)).Inserted);

        await Store.MarkPostedAsync(post.Id, "m-1", T0.AddMinutes(4), None);
        await Store.MarkPostedAsync(post.Id, "m-2", T0.AddMinutes(5), None);

        var stored = await Store.GetPostAsync(post.Id, None);
        Assert.Equal((PostState.Posted, "m-1", T0.AddMinutes(3)), (stored!.State, stored.MessageId, stored.PostedAt));
        Assert.Equal([post.Id], (await Store.GetPostsToCloseAsync(post.ClosesAt, None)).Select(p => p.Id));
    }
}
