using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard;

// Who may see which conversation, decided on every request from the store (a manager removed in chat loses the pages
// at once). A conversation the person has no role in is reported as missing, never as forbidden.
internal sealed class DashboardAccess(Admins admins, IConversationStore store, IRoundStore rounds)
{
    // How many conversations a service-wide admin's home lists.
    public const int HomeLimit = 200;

    public async Task<DashboardRole?> RoleAsync(DashboardViewer viewer, string conversationKey, CancellationToken ct)
    {
        if (admins.IsListedAdmin(Person(viewer)) || viewer.ChannelAdminOf.Contains(conversationKey, StringComparer.Ordinal)
            || await store.IsAdminAsync(conversationKey, viewer.UserKey, ct))
        {
            return DashboardRole.Admin;
        }
        if (await store.IsManagerAsync(conversationKey, viewer.UserKey, ct))
        {
            return DashboardRole.Manager;
        }
        return viewer.Conversations.Contains(conversationKey, StringComparer.Ordinal) ? DashboardRole.Member : null;
    }

    // The conversations the home lists: those the sign-in named, those granted in chat, and for an admin named in
    // configuration every conversation with a round.
    public async Task<IReadOnlyList<string>> ConversationsAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var keys = new List<string>(viewer.Conversations);
        keys.AddRange(viewer.ChannelAdminOf);
        keys.AddRange((await store.GetGrantsAsync(viewer.UserKey, ct)).Select(g => g.ConversationKey));
        if (admins.IsListedAdmin(Person(viewer)))
        {
            keys.AddRange((await rounds.GetRoundsAsync("", HomeLimit, ct)).Select(r => r.ConversationKey));
        }
        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    private static Participant Person(DashboardViewer viewer) => new(viewer.UserKey, viewer.Name, viewer.Ids);
}
