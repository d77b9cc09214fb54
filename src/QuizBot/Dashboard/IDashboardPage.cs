namespace QuizBot.Dashboard;

// One page of a conversation's dashboard (leaderboard, participation, questions, rounds, ...). The dashboard's endpoints
// check the session and the person's role for the conversation, then put the page's HTML inside their layout. Everything
// the page writes is HTML-encoded by the page itself (names, question texts and bank titles come from users and files).
internal interface IDashboardPage
{
    // The path segment under /dashboard/c/{conversation}/ and the navigation order.
    string Slug { get; }

    int Order { get; }

    string Title { get; }

    // The lowest role that may open the page. Member pages show the viewer's own data only.
    DashboardRole Audience { get; }

    // The page body: HTML (a fragment, no <html>/<body>), charts as inline SVG with a table beside each.
    Task<string> RenderAsync(DashboardRequest request, CancellationToken ct);
}

// An admin action a page's form posts to DashboardPaths.Action(conversation, Name). The endpoint runs it only after it
// has validated the anti-forgery token and found the person an admin of the conversation; a GET never runs one.
internal interface IDashboardAction
{
    string Name { get; }

    // What happened, one plain sentence (the endpoint encodes it and shows it on the page the form came from).
    Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct);
}

internal enum DashboardRole
{
    Member = 0,
    Manager = 1,
    Admin = 2,
}

// Who looks at which conversation (from the signed-in session and the store's roles), and the request's query.
internal sealed record DashboardRequest(
    string ConversationKey, string UserKey, DashboardRole Role, IReadOnlyDictionary<string, string> Query)
{
    // The hidden <input> carrying the anti-forgery token, already HTML: forms that post an action include it verbatim.
    public string AntiforgeryField { get; init; } = "";

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    // The other ids the viewer's channel vouched for (DashboardViewer.Ids), for chat's own admin rules.
    public IReadOnlyList<string> UserIds { get; init; } = [];

    // Files a multipart form posted to an action (field name to file), already size-checked by the endpoint.
    public IReadOnlyDictionary<string, DashboardUpload> Files { get; init; } = new Dictionary<string, DashboardUpload>();
}

internal sealed record DashboardUpload(string FileName, byte[] Content);

// The dashboard's URLs, one place: conversation keys hold ':' and other characters, so they are escaped as one segment.
internal static class DashboardPaths
{
    public const string Root = "/dashboard";

    public static string Page(string conversationKey, string slug) => $"{Root}/c/{Uri.EscapeDataString(conversationKey)}/{slug}";

    public static string Action(string conversationKey, string name) => $"{Root}/c/{Uri.EscapeDataString(conversationKey)}/do/{name}";
}

// Told of every person who asks for the dashboard in chat, with the other ids their channel sent (Teams' aadObjectId),
// so that a later Entra ID or Teams tab sign-in, which knows only the Entra object id, finds the person's chat key and
// the conversations they asked from. The default remembers nothing (no Entra ID configured).
internal interface IDashboardIdentities
{
    Task RememberAsync(Quizzes.Participant who, string conversationKey, CancellationToken ct);
}

internal sealed class NoDashboardIdentities : IDashboardIdentities
{
    public Task RememberAsync(Quizzes.Participant who, string conversationKey, CancellationToken ct) => Task.CompletedTask;
}
