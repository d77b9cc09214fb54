using System.Net;
using System.Net.Http.Headers;
using QuizBot.Quizzes;

namespace QuizBot.Tests.Dashboard.Access;

public sealed class DashboardActionTests : IAsyncLifetime
{
    private static readonly Participant Ann = DashboardSite.Person("29:ann", "Ann");
    private static readonly Participant Mia = DashboardSite.Person("29:mia", "Mia");
    private static readonly string Conv = Uri.EscapeDataString(DashboardSite.Conversation);
    private readonly DashboardSite _site = new();

    public async Task InitializeAsync()
    {
        await _site.Store.SetAdminAsync(DashboardSite.Conversation, Ann.Key, true, default);
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_admins_action_runs_once_and_its_sentence_is_shown_once_on_the_page_named_by_return()
    {
        using var client = await _site.SignInAsync(Ann);
        var page = await client.GetAsync($"/dashboard/c/{Conv}/history");

        var done = await client.PostAsync($"/dashboard/c/{Conv}/do/record", page.Antiforgery(), ("return", "board"), ("note", "hi"));

        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal($"/dashboard/c/{Conv}/board", done.Location);
        var run = Assert.Single(_site.Action.Runs);
        Assert.Equal((DashboardSite.Conversation, Ann.Key, "hi"), (run.Request.ConversationKey, run.Request.UserKey, run.Form["note"]));
        var shown = await client.FollowAsync(done);
        Assert.Contains("Recorded &lt;hi&gt;.", shown.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded", (await client.GetAsync($"/dashboard/c/{Conv}/board")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_or_missing_anti_forgery_token_is_refused_and_nothing_runs()
    {
        using var client = await _site.SignInAsync(Ann);
        var page = await client.GetAsync($"/dashboard/c/{Conv}/history");
        var (field, token) = page.Antiforgery();

        var missing = await client.PostAsync($"/dashboard/c/{Conv}/do/record", ("return", "board"));
        var forged = await client.PostAsync($"/dashboard/c/{Conv}/do/record", (field, token[..^4] + "AAAA"), ("return", "board"));
        // A token from another browser's page does not match this browser's cookie.
        using var other = await _site.SignInAsync(Ann);
        var foreign = (await other.GetAsync($"/dashboard/c/{Conv}/history")).Antiforgery();
        var crossed = await client.PostAsync($"/dashboard/c/{Conv}/do/record", foreign, ("return", "board"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [missing.Status, forged.Status, crossed.Status]);
        Assert.Empty(_site.Action.Runs);
    }

    [Fact]
    public async Task A_manager_cannot_run_an_action_and_an_unknown_action_is_not_found()
    {
        using var manager = await _site.SignInAsync(Mia);
        var page = await manager.GetAsync($"/dashboard/c/{Conv}/board");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/dashboard/c/{Conv}/do/record", page.Antiforgery())).Status);

        using var admin = await _site.SignInAsync(Ann);
        var adminPage = await admin.GetAsync($"/dashboard/c/{Conv}/board");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/dashboard/c/{Conv}/do/nothing", adminPage.Antiforgery())).Status);
        Assert.Empty(_site.Action.Runs);
    }

    [Fact]
    public async Task A_multipart_post_hands_its_files_to_the_action_and_return_cannot_leave_the_dashboard()
    {
        using var client = await _site.SignInAsync(Ann);
        var (field, token) = (await client.GetAsync($"/dashboard/c/{Conv}/board")).Antiforgery();
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), field },
            { new StringContent("https://evil.example/"), "return" },
        };
        var file = new ByteArrayContent("q,a\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "bank", "bank.csv");

        var done = await client.PostAsync($"/dashboard/c/{Conv}/do/record", form);

        Assert.Equal($"/dashboard/c/{Conv}/board", done.Location);
        var upload = Assert.Single(_site.Action.Runs).Request.Files["bank"];
        Assert.Equal(("bank.csv", "q,a\n"), (upload.FileName, System.Text.Encoding.UTF8.GetString(upload.Content)));
    }
}
