using System.Net;
using QuizBot.Dashboard;
using QuizBot.Quizzes;

namespace QuizBot.Tests.Dashboard.Access;

// The session cookie is the only credential a page sees: it must not outlive SessionHours or survive an edit.
public sealed class SessionCookieTests : IAsyncLifetime
{
    private static readonly Participant Mia = DashboardSite.Person("29:mia", "Mia");
    private static readonly string Conv = Uri.EscapeDataString(DashboardSite.Conversation);
    private readonly DashboardSite _site = new();

    public Task InitializeAsync() => _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_session_ends_after_eight_hours()
    {
        using var client = await _site.SignInAsync(Mia);
        _site.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/dashboard/c/{Conv}/board")).Status);

        _site.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/dashboard/c/{Conv}/board")).Status);
    }

    [Fact]
    public async Task An_edited_or_foreign_session_cookie_opens_nothing()
    {
        using var client = await _site.SignInAsync(Mia);
        var genuine = client.Cookies[DashboardSessions.CookieName];

        client.Cookies[DashboardSessions.CookieName] = genuine[..^3] + (genuine.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        var edited = await client.GetAsync($"/dashboard/c/{Conv}/board");
        client.Cookies[DashboardSessions.CookieName] = "not-a-session";
        var foreign = await client.GetAsync($"/dashboard/c/{Conv}/board");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [edited.Status, foreign.Status]);
    }
}
