using System.Text.RegularExpressions;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Rounds;
using QuizBot.Quizzes;
using QuizBot.Tests.Chat;

namespace QuizBot.Tests.Dashboard.Rounds;

// The rounds page and its actions on ChatHost: the real engine, chat and SQLite, a fake clock and a recording channel,
// with requests shaped as the dashboard's endpoint hands them over (it has already checked the session and the role).
internal sealed partial class RoundsDashboard : IDisposable
{
    // What the endpoint would put in every form; the page must carry it verbatim.
    public const string Antiforgery = "<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"CfDJ8-token\" />";

    public static readonly string Room = ChatHost.Conversation("room-1");
    public static readonly Participant Alice = ChatHost.Person("alice", "Alice");
    public static readonly Participant Bob = ChatHost.Person("bob", "Bob");

    // Alice is an admin named in configuration (she may import banks); Bob is nobody until granted.
    public ChatHost Chat { get; } = new(new Dictionary<string, string?>(), s => s.AddDashboardRounds(), "test:alice");

    public static DashboardRequest As(Participant who, DashboardRole role, string? conversation = null) =>
        new(conversation ?? Room, who.Key, role, new Dictionary<string, string>()) { AntiforgeryField = Antiforgery };

    public Task<string> PageAsync(DashboardRequest request) =>
        Chat.Get<IEnumerable<IDashboardPage>>().Single(p => p.Slug == "rounds").RenderAsync(request, default);

    public Task<string> RunAsync(string action, DashboardRequest request, params (string Name, string Value)[] fields) =>
        Chat.Get<IEnumerable<IDashboardAction>>().Single(a => a.Name == action)
            .RunAsync(request, fields.ToDictionary(f => f.Name, f => f.Value), default);

    public async Task<string> SayAsync(Participant who, string text, params Participant[] mentioned)
    {
        var reply = await Chat.SayAsync(who, Room, text, mentioned);
        return reply.Messages.Count == 0 ? "" : Assert.IsType<QuizBot.Chat.ChatView.Text>(Assert.Single(reply.Messages).View).Markup;
    }

    // The rows of one of the page's post tables ("open" or "recent"): state, question cell, answers.
    public static IReadOnlyList<(string State, string Question, int Answers)> Rows(string html, string table)
    {
        var start = html.IndexOf($"id=\"round-{table}-posts\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        var body = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return [.. Row().Matches(body).Select(m => (m.Groups[1].Value, m.Groups[2].Value, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public static int Count(string html, string part) => Regex.Count(html, Regex.Escape(part));

    [GeneratedRegex("<tr data-state=\"(\\w+)\"><td>(.*?)</td>.*?<td>(\\d+)</td></tr>")]
    private static partial Regex Row();

    public void Dispose() => Chat.Dispose();
}
