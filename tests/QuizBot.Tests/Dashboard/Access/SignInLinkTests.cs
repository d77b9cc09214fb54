using System.Net;
using QuizBot.Dashboard;

namespace QuizBot.Tests.Dashboard.Access;

public sealed class SignInLinkTests : IAsyncLifetime
{
    private readonly DashboardSite _site = new();
    private static readonly QuizBot.Quizzes.Participant Ada = DashboardSite.Person("29:ada", "Ada");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Opening_a_link_only_shows_a_continue_button_and_signs_nobody_in()
    {
        using var client = new DashboardClient(_site.App);
        var link = _site.LinkFor(Ada);
        Assert.StartsWith("https://quizbot.example.com/dashboard/signin?t=", link, StringComparison.Ordinal);

        // A chat previewer fetching the link twice changes nothing: the link still works afterwards.
        var preview = await client.GetAsync(link);
        await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("Continue", preview.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSessions.CookieName, client.Cookies.Keys);
        var signedIn = await client.PostAsync("/dashboard/signin", preview.Antiforgery(), ("t", DashboardSite.Token(link)));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.Status);
        Assert.Equal($"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Conversation)}/history", signedIn.Location);
        Assert.Contains(DashboardSessions.CookieName, client.Cookies.Keys);
    }

    [Fact]
    public async Task A_link_works_once()
    {
        using var first = new DashboardClient(_site.App);
        using var second = new DashboardClient(_site.App);
        var link = _site.LinkFor(Ada);
        var page1 = await first.GetAsync(link);
        var page2 = await second.GetAsync(link);

        Assert.Equal(HttpStatusCode.SeeOther, (await first.PostAsync("/dashboard/signin", page1.Antiforgery(), ("t", DashboardSite.Token(link)))).Status);
        var reused = await second.PostAsync("/dashboard/signin", page2.Antiforgery(), ("t", DashboardSite.Token(link)));

        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Contains("already used", reused.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSessions.CookieName, second.Cookies.Keys);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_opens_nothing()
    {
        using var client = new DashboardClient(_site.App);
        var link = _site.LinkFor(Ada);
        var page = await client.GetAsync(link);
        _site.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(link)).Status);
        var late = await client.PostAsync("/dashboard/signin", page.Antiforgery(), ("t", DashboardSite.Token(link)));
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.DoesNotContain(DashboardSessions.CookieName, client.Cookies.Keys);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        using var client = new DashboardClient(_site.App);
        var token = DashboardSite.Token(_site.LinkFor(Ada));
        var flipped = token[..^2] + (token[^2] == 'a' ? 'b' : 'a') + token[^1];
        var page = await client.GetAsync("/dashboard/signin?t=" + token);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/dashboard/signin?t=" + flipped)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/dashboard/signin?t=zz")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/dashboard/signin", page.Antiforgery(), ("t", flipped))).Status);
        Assert.DoesNotContain(DashboardSessions.CookieName, client.Cookies.Keys);
    }

    [Fact]
    public async Task A_sign_in_post_without_its_anti_forgery_token_is_refused_and_leaves_the_link_unspent()
    {
        using var client = new DashboardClient(_site.App);
        var link = _site.LinkFor(Ada);
        var page = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/dashboard/signin", ("t", DashboardSite.Token(link)))).Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostAsync("/dashboard/signin", page.Antiforgery(), ("t", DashboardSite.Token(link)))).Status);
    }

    [Fact]
    public async Task Without_a_session_every_page_says_how_to_get_a_link()
    {
        using var client = new DashboardClient(_site.App);

        foreach (var url in new[] { "/dashboard", $"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Conversation)}/board",
            $"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Conversation)}/export/board.csv" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
            Assert.Contains("Type dashboard", page.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await _site.SignInAsync(Ada);
        var home = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, home.Status);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/dashboard/signout", home.Antiforgery())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard")).Status);
    }
}
