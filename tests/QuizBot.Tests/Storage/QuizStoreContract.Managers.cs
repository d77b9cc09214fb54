using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    [Fact]
    public async Task A_manager_is_granted_per_conversation_and_a_second_grant_or_removal_changes_nothing()
    {
        Assert.True(await Store.SetManagerAsync("slack:T1:C1", "slack:U1", true, None));
        Assert.False(await Store.SetManagerAsync("slack:T1:C1", "slack:U1", true, None));
        Assert.True(await Store.SetManagerAsync("slack:T1:C1", "slack:U0", true, None));

        Assert.True(await Store.IsManagerAsync("slack:T1:C1", "slack:U1", None));
        Assert.False(await Store.IsManagerAsync("slack:T1:C2", "slack:U1", None));
        // A manager is not an admin, and an admin is not a manager.
        Assert.False(await Store.IsAdminAsync("slack:T1:C1", "slack:U1", None));
        Assert.Equal(["slack:U0", "slack:U1"], await Store.GetManagersAsync("slack:T1:C1", None));
        Assert.Empty(await Store.GetManagersAsync("slack:T1:C2", None));

        Assert.True(await Store.SetManagerAsync("slack:T1:C1", "slack:U1", false, None));
        Assert.False(await Store.SetManagerAsync("slack:T1:C1", "slack:U1", false, None));
        Assert.False(await Store.IsManagerAsync("slack:T1:C1", "slack:U1", None));
        Assert.Equal(["slack:U0"], await Store.GetManagersAsync("slack:T1:C1", None));
    }

    [Fact]
    public async Task A_persons_grants_list_every_conversation_where_they_are_admin_or_manager_and_follow_removals()
    {
        await Store.SetAdminAsync("msteams:c2", "msteams:ann", true, None);
        await Store.SetManagerAsync("msteams:c1", "msteams:ann", true, None);
        await Store.SetManagerAsync("msteams:c2", "msteams:ann", true, None);
        await Store.SetManagerAsync("msteams:c3", "msteams:bob", true, None);
        await Store.SetAdminAsync("msteams:c4", "msteams:bob", true, None);

        Assert.Equal(
            [new RoleGrant("msteams:c1", GrantedRole.Manager), new RoleGrant("msteams:c2", GrantedRole.Admin), new RoleGrant("msteams:c2", GrantedRole.Manager)],
            await Store.GetGrantsAsync("msteams:ann", None));

        await Store.SetAdminAsync("msteams:c2", "msteams:ann", false, None);
        await Store.SetManagerAsync("msteams:c1", "msteams:ann", false, None);
        Assert.Equal([new RoleGrant("msteams:c2", GrantedRole.Manager)], await Store.GetGrantsAsync("msteams:ann", None));
        Assert.Empty(await Store.GetGrantsAsync("msteams:nobody", None));
    }

    [Fact]
    public async Task Hostile_ids_in_roles_find_only_what_was_granted_under_them()
    {
        foreach (var id in HostileIds.Where(id => id.Length > 0))
        {
            Assert.True(await Store.SetManagerAsync(id, id, true, None));
        }
        foreach (var id in HostileIds.Where(id => id.Length > 0))
        {
            Assert.Equal([id], await Store.GetManagersAsync(id, None));
            Assert.Equal([new RoleGrant(id, GrantedRole.Manager)], await Store.GetGrantsAsync(id, None));
        }
    }

    [Fact]
    public async Task An_empty_prefix_lists_the_rounds_of_every_conversation()
    {
        Assert.True(await Store.SaveRoundAsync(NewRound("slack:T1:C1"), null, None));
        Assert.True(await Store.SaveRoundAsync(NewRound("msteams:a"), null, None));

        Assert.Equal(["msteams:a", "slack:T1:C1"], (await Store.GetRoundsAsync("", 10, None)).Select(r => r.ConversationKey).Order(StringComparer.Ordinal));
        Assert.Single(await Store.GetRoundsAsync("", 1, None));
    }
}
