using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private const string Oid = "5d1f2c3b-7a6e-4f10-9b8c-1e2d3c4b5a69";

    [Fact]
    public async Task An_identity_link_names_the_person_and_their_conversations_most_recent_first()
    {
        await Store.RememberIdentityAsync(Oid, "msteams:29:ann", "Ann", "msteams:19:team-a", T0, None);
        await Store.RememberIdentityAsync(Oid, "msteams:29:ann", "Ann", "msteams:a:personal/with#odd?chars", T0.AddMinutes(1), None);
        await Store.RememberIdentityAsync(Oid, "msteams:29:ann", "Ann Smith", "msteams:19:team-a", T0.AddMinutes(2), None);

        var link = await Store.GetIdentityLinkAsync(Oid, None);

        Assert.NotNull(link);
        Assert.Equal(("msteams:29:ann", "Ann Smith", T0.AddMinutes(2)), (link.UserKey, link.Name, link.SeenAt));
        Assert.Equal(["msteams:19:team-a", "msteams:a:personal/with#odd?chars"], link.Conversations);
        Assert.Null(await Store.GetIdentityLinkAsync("0e0e0e0e-0000-4000-8000-000000000000", None));
    }

    [Fact]
    public async Task An_identity_link_keeps_only_the_most_recent_conversations()
    {
        for (var i = 0; i < IdentityLink.MaxConversations + 3; i++)
        {
            await Store.RememberIdentityAsync(Oid, "msteams:29:ann", "Ann", $"msteams:19:c{i:D3}", T0.AddMinutes(i), None);
        }

        var link = await Store.GetIdentityLinkAsync(Oid, None);

        Assert.Equal(IdentityLink.MaxConversations, link?.Conversations.Count);
        Assert.Equal($"msteams:19:c{IdentityLink.MaxConversations + 2:D3}", link?.Conversations[0]);
        Assert.DoesNotContain("msteams:19:c002", link!.Conversations);
        Assert.Contains("msteams:19:c003", link.Conversations);
    }

    [Fact]
    public async Task A_late_remember_does_not_rename_the_person_or_reorder_their_conversations()
    {
        await Store.RememberIdentityAsync(Oid, "msteams:29:ann", "Ann New", "msteams:19:b", T0.AddHours(1), None);
        await Store.RememberIdentityAsync(Oid, "msteams:29:old", "Ann Old", "msteams:19:a", T0.AddHours(2), None);
        await Store.RememberIdentityAsync(Oid, "msteams:29:older", "Ann Older", "msteams:19:b", T0, None);

        var link = await Store.GetIdentityLinkAsync(Oid, None);

        Assert.Equal(("msteams:29:old", "Ann Old"), (link?.UserKey, link?.Name));
        Assert.Equal(["msteams:19:a", "msteams:19:b"], link!.Conversations);
    }
}
