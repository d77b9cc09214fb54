using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    // Characters Table keys forbid, the separators and quotes a key or a filter could trip on, control characters,
    // an id that looks like an escape of another, and ids far beyond the 1 KiB key limit that differ only at the end.
    private static readonly string[] HostileIds =
    [
        "a/b", "a\\b", "a#b", "a?b", "a|b", "a|b|0", "a'b", "a%2Fb", "%002F", "a b", "tab\there", "line\nbreak", "bell\u0007", "nul\u0000x", "c1\u0085",
        "' or PartitionKey ne '", "..", "", new string('x', 3000), new string('x', 3000) + "y", "\u00e9\u00e8\ud83d\ude00",
    ];

    [Fact]
    public async Task Hostile_user_ids_round_trip_through_every_store_area_and_stay_apart()
    {
        var conversation = "msteams:19:a/b#c?d\\e|f'g\u0001" + new string('z', 1500);
        var post = await OpenPostAsync(conversation, T0);
        for (var i = 0; i < HostileIds.Length; i++)
        {
            var user = HostileIds[i];
            await Store.StartSessionAsync(NewSession("session-" + user, user), None);
            Assert.True(await Store.SetAdminAsync(conversation, user, true, None));
            Assert.True((await Store.AddPostAnswerAsync(new PostAnswer(post.Id, user, user, i % 4, i % 2 == 0, T0.AddSeconds(i + 1)), None)).Inserted);
        }
        await CloseAsync(post);

        var board = await BoardAsync(conversation, top: 100);
        Assert.Equal(HostileIds.Length, board.Members);
        Assert.Equal(HostileIds.Order(StringComparer.Ordinal), board.Top.Select(r => r.Entry.UserKey).Order(StringComparer.Ordinal));
        Assert.Equal(HostileIds, (await Store.GetPostAnswersAsync(post.Id, None)).Select(a => a.UserKey));
        foreach (var user in HostileIds)
        {
            Assert.Equal("session-" + user, (await Store.GetActiveSessionAsync(user, None))?.Id);
            Assert.True(await Store.IsAdminAsync(conversation, user, None));
            Assert.Equal(user, (await BoardAsync(conversation, top: 0, user: user)).Me?.Entry.Name);
        }
        Assert.False(await Store.IsAdminAsync(conversation, "a", None));
        Assert.False(await Store.IsAdminAsync(conversation, new string('x', 2999), None));
    }

    [Fact]
    public async Task Hostile_conversation_and_post_ids_find_only_what_was_stored_under_them()
    {
        foreach (var conversation in HostileIds.Where(id => id.Length > 0))
        {
            var post = await OpenPostAsync(conversation, T0);
            await AnswerAsync(post, "ann", true);
            await CloseAsync(post);
            await Store.SaveConversationAsync(conversation, "address of " + conversation, None);
        }

        foreach (var conversation in HostileIds.Where(id => id.Length > 0))
        {
            Assert.Equal("address of " + conversation, (await Store.GetConversationAsync(conversation, None))?.Address);
            Assert.Equal(conversation, (await Store.GetRoundAsync(conversation, None))?.ConversationKey);
            Assert.Equal(conversation, (await Store.GetClosedPostsAsync(conversation, 10, None)).Single().ConversationKey);
            Assert.Equal(1, (await BoardAsync(conversation)).Members);
        }
        // Ids no one stored, shaped to escape a key or a filter, find nothing.
        foreach (var probe in new[] { "a|b|0|0", "a|", "|1|0", "' or RowKey ne '|1|0", "a/b|x|y", "", "\u0000|1|0" })
        {
            Assert.Null(await Store.GetPostAsync(probe, None));
            Assert.Equal((false, null), await Store.AddPostAnswerAsync(new PostAnswer(probe, "ann", "Ann", 1, true, T0.AddMinutes(1)), None));
            Assert.Empty(await Store.GetPostAnswersAsync(probe, None));
        }
        Assert.Equal(0, (await BoardAsync("a")).Members);
        Assert.Null(await Store.GetRoundAsync("a", None));
    }
}
