using System.Net;
using System.Net.Http.Headers;
using QuizBot.Quizzes;
using QuizBot.Tests.Dashboard.Access;
using QuizBot.Tests.Uploads;

namespace QuizBot.Tests.Dashboard.EndToEnd;

// README lets a Teams admin be named in QuizBot:Admins by aadObjectId; the dashboard must honour it as chat does.
public sealed class ConfiguredAdminByObjectIdTests : IAsyncLifetime
{
    private const string ObjectId = "7b2c1d9e-0f4a-4c1b-9a55-3e6f0b8d2c41";
    private static readonly Participant Ann = new("msteams:29:ann", "Ann", ["29:ann", ObjectId]);
    private static readonly string Conv = Uri.EscapeDataString(DashboardSite.Conversation);
    private readonly DashboardSite _site = new(configuredAdmin: "msteams:" + ObjectId);

    public Task InitializeAsync() => _site.SeedAsync(DashboardSite.Conversation, [(Ann, true)]);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_admin_named_by_object_id_gets_the_admin_forms_and_can_import_a_bank_from_the_dashboard()
    {
        using var client = await _site.SignInAsync(Ann);
        var page = await client.GetAsync($"/dashboard/c/{Conv}/rounds");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("/do/bank-import", page.Body, StringComparison.Ordinal);

        var (field, token) = page.Antiforgery();
        var form = new MultipartFormDataContent { { new StringContent(token), field }, { new StringContent("rounds"), "return" } };
        var file = new ByteArrayContent(UploadBanks.Json());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "bank", "planets.json");
        var done = await client.PostAsync($"/dashboard/c/{Conv}/do/bank-import", form);

        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Contains(_site.App.Get<BankCatalog>().All, b => b.Id == UploadBanks.Id);
    }
}
