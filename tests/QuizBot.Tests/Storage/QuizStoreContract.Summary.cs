using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Storage;

// The reads behind a person's summary (the Slack Home tab): one workspace's rounds, and what is still open in each.
public abstract partial class QuizStoreContract
{
    [Fact]
    public async Task Rounds_are_listed_by_conversation_key_prefix_newest_first_up_to_the_limit()
    {
        await Store.SaveRoundAsync(NewRound("slack:T1:C1") with { CreatedAt = T0.AddDays(-3) }, null, None);
        await Store.SaveRoundAsync(NewRound("slack:T1:C2") with { CreatedAt = T0.AddDays(-1), Status = RoundStatus.Cancelled }, null, None);
        await Store.SaveRoundAsync(NewRound("slack:T1:C3") with { CreatedAt = T0.AddDays(-2) }, null, None);
        // Neighbours that share the text but not the prefix: another workspace whose id starts alike, and the next key up.
        await Store.SaveRoundAsync(NewRound("slack:T10:C1"), null, None);
        await Store.SaveRoundAsync(NewRound("slack:T1;C1"), null, None);
        await Store.SaveRoundAsync(NewRound("teams:T1:C1"), null, None);

        Assert.Equal(["slack:T1:C2", "slack:T1:C3", "slack:T1:C1"], await RoundsAsync("slack:T1:", 10));
        Assert.Equal(["slack:T1:C2", "slack:T1:C3"], await RoundsAsync("slack:T1:", 2));
        Assert.Empty(await RoundsAsync("slack:T2:", 10));
        Assert.Equal(RoundStatus.Cancelled, (await Store.GetRoundsAsync("slack:T1:C2", 1, None)).Single().Status);
    }

    [Fact]
    public async Task Rounds_with_keys_that_need_escaping_are_found_by_their_prefix()
    {
        const string odd = "slack:T/1#?:C 1|é";
        await Store.SaveRoundAsync(NewRound(odd), null, None);
        await Store.SaveRoundAsync(NewRound("slack:T/1#?:" + new string('x', 400)), null, None);

        Assert.Equal(2, (await RoundsAsync("slack:T/1#?:", 10)).Count);
        Assert.Equal([odd], await RoundsAsync("slack:T/1#?:C", 10));
    }

    [Fact]
    public async Task Open_posts_are_the_posted_and_unclosed_ones_from_the_given_slot_on()
    {
        var old = await OpenPostAsync("c1", T0.AddDays(-2));
        var open1 = await OpenPostAsync("c1", T0.AddHours(-3));
        var open2 = await OpenPostAsync("c1", T0.AddHours(-1));
        var closed = await OpenPostAsync("c1", T0.AddHours(-2));
        await CloseAsync(closed);
        await OpenPostAsync("c2", T0.AddHours(-1));
        // Claimed but never sent: nobody can answer it.
        var round = (await Store.GetRoundAsync("c1", None))!;
        var claimed = NewPost("c1", T0.AddMinutes(-30));
        Assert.True(await Store.ClaimSlotAsync(round with { Version = round.Version + 1 }, round.Version, [claimed], None));

        var listed = await Store.GetOpenPostsAsync("c1", T0.AddDays(-1), 10, None);

        Assert.Equal([open1.Id, open2.Id], listed.Select(p => p.Id));
        Assert.Equal(open1, listed[0]);
        Assert.Equal([open1.Id], (await Store.GetOpenPostsAsync("c1", T0.AddDays(-1), 1, None)).Select(p => p.Id));
        Assert.Equal([old.Id, open1.Id, open2.Id], (await Store.GetOpenPostsAsync("c1", T0.AddDays(-3), 10, None)).Select(p => p.Id));
        Assert.Empty(await Store.GetOpenPostsAsync("c3", T0.AddDays(-3), 10, None));
    }

    private async Task<List<string>> RoundsAsync(string prefix, int limit) =>
        (await Store.GetRoundsAsync(prefix, limit, None)).Select(r => r.ConversationKey).ToList();
}
