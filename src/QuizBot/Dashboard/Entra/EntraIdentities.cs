using QuizBot.Quizzes;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Entra;

// The link between a Teams person and their Entra ID object id: Teams sends aadObjectId with every message (it travels
// in Participant.Ids beside from.id), Entra ID and the Teams tab give only the object id. Each `dashboard` typed in
// Teams refreshes the link and the conversations it was asked from.
internal sealed class EntraIdentities(IIdentityLinkStore store, TimeProvider time) : IDashboardIdentities
{
    private const string TeamsPrefix = "msteams:";

    public Task RememberAsync(Participant who, string conversationKey, CancellationToken ct) =>
        ObjectIdOf(who) is { } oid
            ? store.RememberIdentityAsync(oid, who.Key, who.Name, conversationKey, time.GetUtcNow(), ct)
            : Task.CompletedTask;

    // The viewer an Entra ID sign-in opens, or null while the person never asked for the dashboard in Teams.
    public async Task<DashboardViewer?> ViewerAsync(string objectId, CancellationToken ct) =>
        Guid.TryParse(objectId, out var id) && await store.GetIdentityLinkAsync(Normal(id), ct) is { } link
            ? new DashboardViewer(link.UserKey, link.Name, link.Conversations) { Ids = [Normal(id)] }
            : null;

    // Only Teams vouches for an aadObjectId; Slack and Web Chat ids are never taken for one.
    internal static string? ObjectIdOf(Participant who)
    {
        if (!who.Key.StartsWith(TeamsPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var id in who.Ids ?? [])
        {
            if (Guid.TryParseExact(id, "D", out var oid) && oid != Guid.Empty)
            {
                return Normal(oid);
            }
        }
        return null;
    }

    private static string Normal(Guid id) => id.ToString("D");
}
