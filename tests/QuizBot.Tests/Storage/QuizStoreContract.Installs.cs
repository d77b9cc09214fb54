using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private static Installation NewInstall(string team, string token = "protected-token") =>
        new("slack", team, "E1", "Acme", "U0BOT", token, "chat:write,commands", T0, null);

    [Fact]
    public async Task An_install_is_kept_per_channel_and_team_and_a_reinstall_replaces_it()
    {
        await Store.SaveInstallAsync(NewInstall("T1", "first"), None);
        await Store.SaveInstallAsync(NewInstall("T2", "other"), None);
        await Store.SaveInstallAsync(NewInstall("T1", "second") with { InstalledAt = T0.AddDays(1) }, None);

        var t1 = await Store.GetInstallAsync("slack", "T1", None);
        Assert.Equal(NewInstall("T1", "second") with { InstalledAt = T0.AddDays(1) }, t1);
        Assert.Equal("other", (await Store.GetInstallAsync("slack", "T2", None))?.ProtectedToken);
        Assert.Null(await Store.GetInstallAsync("msteams", "T1", None));
        Assert.Null(await Store.GetInstallAsync("slack", "T3", None));
    }

    [Fact]
    public async Task Revoking_deletes_the_token_and_marks_the_team_until_it_installs_again()
    {
        await Store.SaveInstallAsync(NewInstall("T1"), None);
        await Store.RevokeInstallAsync("slack", "T1", T0.AddHours(1), None);
        // A team that never installed by OAuth (single-workspace mode) is marked all the same.
        await Store.RevokeInstallAsync("slack", "T9", T0.AddHours(2), None);

        var revoked = await Store.GetInstallAsync("slack", "T1", None);
        Assert.Null(revoked?.ProtectedToken);
        Assert.Equal(T0.AddHours(1), revoked?.RevokedAt);
        Assert.Equal("Acme", revoked?.TeamName);
        Assert.Equal(T0.AddHours(2), (await Store.GetInstallAsync("slack", "T9", None))?.RevokedAt);

        await Store.SaveInstallAsync(NewInstall("T1", "again"), None);
        var back = await Store.GetInstallAsync("slack", "T1", None);
        Assert.Equal("again", back?.ProtectedToken);
        Assert.Null(back?.RevokedAt);
    }

    [Fact]
    public async Task A_nonce_is_used_once_even_by_racing_callers()
    {
        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.UseNonceAsync("n-1", T0.AddMinutes(10), None)));

        Assert.Equal(1, uses.Count(u => u));
        Assert.False(await Store.UseNonceAsync("n-1", T0.AddMinutes(10), None));
        Assert.True(await Store.UseNonceAsync("n-2", T0.AddMinutes(10), None));
    }
}
