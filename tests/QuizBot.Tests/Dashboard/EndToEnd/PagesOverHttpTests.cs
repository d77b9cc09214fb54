using System.Net;
using System.Net.Http.Headers;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Tests.Dashboard.Access;

namespace QuizBot.Tests.Dashboard.EndToEnd;

// The pages and actions the helpers built apart, through the one real endpoint: session, role, anti-forgery, multipart.
public sealed class PagesOverHttpTests : IAsyncLifetime
{
    private static readonly Participant Ann = DashboardSite.Person("29:ann", "Ann");
    private static readonly Participant Mia = DashboardSite.Person("29:mia", "Mia");
    private static readonly Participant Tom = DashboardSite.Person("29:tom", "Tom");
    private static readonly string Conv = Uri.EscapeDataString(DashboardSite.Conversation);
    private readonly DashboardSite _site = new();

    public async Task InitializeAsync()
    {
        await _site.Store.SetAdminAsync(DashboardSite.Conversation, Ann.Key, true, default);
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        await _site.SeedAsync(DashboardSite.Conversation, [(Tom, true), (Mia, false)], [(Tom, false)]);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_manager_reads_every_page_in_the_navigation_and_a_member_only_their_history()
    {
        using var manager = await _site.SignInAsync(Mia);
        foreach (var slug in new[] { "board", "participation", "questions", "rounds", "history" })
        {
            var page = await manager.GetAsync($"/dashboard/c/{Conv}/{slug}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains($"/dashboard/c/{Conv}/{slug}\"", page.Body, StringComparison.Ordinal);
        }
        var questions = await manager.GetAsync($"/dashboard/c/{Conv}/questions");
        Assert.Contains("class=\"chart-pair\"", questions.Body, StringComparison.Ordinal);

        using var member = await _site.SignInAsync(Tom);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/dashboard/c/{Conv}/history")).Status);
        foreach (var slug in new[] { "board", "participation", "questions", "rounds" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/dashboard/c/{Conv}/{slug}")).Status);
        }
    }

    [Fact]
    public async Task An_admin_pauses_the_round_from_the_rounds_page_and_a_manager_sees_no_forms()
    {
        using var manager = await _site.SignInAsync(Mia);
        Assert.DoesNotContain("/do/round-", (await manager.GetAsync($"/dashboard/c/{Conv}/rounds")).Body, StringComparison.Ordinal);

        using var admin = await _site.SignInAsync(Ann);
        var page = await admin.GetAsync($"/dashboard/c/{Conv}/rounds");
        var done = await admin.PostAsync($"/dashboard/c/{Conv}/do/round-pause", page.Antiforgery(), ("return", "rounds"));

        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal($"/dashboard/c/{Conv}/rounds", done.Location);
        Assert.Equal(RoundStatus.Paused, (await _site.Store.GetRoundAsync(DashboardSite.Conversation, default))!.Status);
        Assert.Contains("paused", (await admin.FollowAsync(done)).Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_pause_without_the_pages_anti_forgery_token_changes_nothing()
    {
        using var admin = await _site.SignInAsync(Ann);
        await admin.GetAsync($"/dashboard/c/{Conv}/rounds");

        var forged = await admin.PostAsync($"/dashboard/c/{Conv}/do/round-pause", ("return", "rounds"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(RoundStatus.Active, (await _site.Store.GetRoundAsync(DashboardSite.Conversation, default))!.Status);
    }

    [Fact]
    public async Task An_invalid_schedule_from_the_form_is_explained_and_the_round_is_unchanged()
    {
        using var admin = await _site.SignInAsync(Ann);
        var page = await admin.GetAsync($"/dashboard/c/{Conv}/rounds");
        var before = await _site.Store.GetRoundAsync(DashboardSite.Conversation, default);

        var done = await admin.PostAsync($"/dashboard/c/{Conv}/do/round-schedule", page.Antiforgery(), ("return", "rounds"),
            ("when", "every blue moon"), ("tz", "Mars/Olympus"));

        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal(before, await _site.Store.GetRoundAsync(DashboardSite.Conversation, default));
        Assert.Contains("class=\"flash", (await admin.FollowAsync(done)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_file_posted_as_multipart_reaches_the_import_and_is_refused_for_an_admin_of_one_conversation()
    {
        using var admin = await _site.SignInAsync(Ann);
        var (field, token) = (await admin.GetAsync($"/dashboard/c/{Conv}/rounds")).Antiforgery();
        var form = new MultipartFormDataContent { { new StringContent(token), field }, { new StringContent("rounds"), "return" } };
        var file = new ByteArrayContent("Q1. What?\nA) yes\nB) no\nAnswer: A\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "bank", "extra.txt");
        var banks = _site.App.Get<BankCatalog>().All.Count;

        var done = await admin.PostAsync($"/dashboard/c/{Conv}/do/bank-import", form);

        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal(banks, _site.App.Get<BankCatalog>().All.Count);
        Assert.Contains("admin", (await admin.FollowAsync(done)).Body, StringComparison.OrdinalIgnoreCase);
    }

    // The largest bank file plus more than a form's framing: the endpoint answers 413 before reading the form.
    [Fact]
    public async Task A_form_larger_than_the_largest_bank_upload_is_refused_before_anything_reads_it()
    {
        using var admin = await _site.SignInAsync(Ann);
        var (field, token) = (await admin.GetAsync($"/dashboard/c/{Conv}/rounds")).Antiforgery();
        var form = new MultipartFormDataContent { { new StringContent(token), field }, { new StringContent("rounds"), "return" } };
        form.Add(new ByteArrayContent(new byte[QuizBot.Quizzes.Banks.BankFiles.MaxBytes + (128 * 1024)]), "bank", "huge.json");
        var banks = _site.App.Get<BankCatalog>().All.Count;

        var refused = await admin.PostAsync($"/dashboard/c/{Conv}/do/bank-import", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal(banks, _site.App.Get<BankCatalog>().All.Count);
    }
}
