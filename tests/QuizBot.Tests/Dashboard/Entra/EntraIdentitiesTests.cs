using QuizBot.Dashboard;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Dashboard.Entra.Support;

namespace QuizBot.Tests.Dashboard.Entra;

public sealed class EntraIdentitiesTests : IAsyncLifetime
{
    private const string Oid = "5D1F2C3B-7A6E-4F10-9B8C-1E2D3C4B5A69";
    private readonly EntraHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task RememberAsync(Participant who, string conversation = "msteams:19:team-a") =>
        _host.App.Get<IDashboardIdentities>().RememberAsync(who, conversation, CancellationToken.None);

    private Task<IdentityLink?> LinkAsync(string oid) => _host.App.Get<IIdentityLinkStore>().GetIdentityLinkAsync(oid, CancellationToken.None);

    [Fact]
    public async Task A_Teams_person_with_an_aadObjectId_is_linked_by_that_object_id()
    {
        await RememberAsync(new Participant("msteams:29:ann", "Ann", ["29:ann", Oid]));

        var link = await LinkAsync(Oid.ToLowerInvariant());

        Assert.Equal(("msteams:29:ann", "Ann"), (link?.UserKey, link?.Name));
        Assert.Equal(["msteams:19:team-a"], link!.Conversations);
        Assert.Equal(_host.Time.GetUtcNow().ToUnixTimeMilliseconds(), link.SeenAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Only_Teams_vouches_for_an_object_id_and_a_person_without_one_is_not_linked()
    {
        // A Slack or Web Chat id that happens to look like a GUID must never let its owner sign in as that Entra ID person.
        await RememberAsync(new Participant("slack:T1:U1", "Mallory", [Oid]));
        await RememberAsync(new Participant("webchat:" + Oid, "Mallory", [Oid]));
        await RememberAsync(new Participant("msteams:29:bob", "Bob", ["29:bob"]));

        Assert.Null(await LinkAsync(Oid.ToLowerInvariant()));
    }
}
