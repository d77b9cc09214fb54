using QuizBot.Dashboard;
using QuizBot.Dashboard.Rounds;
using QuizBot.Quizzes;
using QuizBot.Tests.Uploads;
using static QuizBot.Tests.Dashboard.Rounds.RoundsDashboard;

namespace QuizBot.Tests.Dashboard.Rounds;

// The dashboard's import goes through chat's upload code: the same formats, refusals, and rule on who may import.
public sealed class BankImportTests : IDisposable
{
    private readonly RoundsDashboard _dash = new();

    public void Dispose() => _dash.Dispose();

    private Task<string> ImportAsync(DashboardRequest request, string fileName, byte[] content) =>
        _dash.RunAsync(RoundsForms.ImportAction, request with
        {
            Files = new Dictionary<string, DashboardUpload> { [RoundsForms.BankFile] = new(fileName, content) },
        });

    private QuestionBank? Bank(string id) => _dash.Chat.Get<BankCatalog>().Get(id);

    [Fact]
    public async Task An_admin_named_in_configuration_imports_a_bank_that_rounds_can_then_use()
    {
        var said = await ImportAsync(As(Alice, DashboardRole.Admin), "planets.json", UploadBanks.Json());

        Assert.StartsWith($"Imported {UploadBanks.Title} ({UploadBanks.Id}) version 1: 3 questions, 0 skipped.", said, StringComparison.Ordinal);
        Assert.Equal(3, Bank(UploadBanks.Id)!.Questions.Count);
        Assert.StartsWith("Scheduled:", await _dash.SayAsync(Alice, $"schedule daily 10:30 UTC bank {UploadBanks.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_bank_file_is_refused_with_its_line_and_nothing_is_imported()
    {
        var said = await ImportAsync(As(Alice, DashboardRole.Admin), "broken.json", UploadBanks.BrokenJson());

        Assert.StartsWith("I couldn't import that file.", said, StringComparison.Ordinal);
        Assert.Contains("line 3", said, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("Nothing was imported: fix it and send it again.", said, StringComparison.Ordinal);
        Assert.Null(Bank("broken"));
    }

    [Fact]
    public async Task A_file_of_no_bank_format_is_refused()
    {
        var said = await ImportAsync(As(Alice, DashboardRole.Admin), "notes.pdf", [1, 2, 3]);

        Assert.StartsWith("I can't read \"notes.pdf\" as a question bank", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_of_one_conversation_may_not_import_as_in_chat()
    {
        await _dash.SayAsync(Alice, "admin add @Bob", Bob);

        var said = await ImportAsync(As(Bob, DashboardRole.Admin), "planets.json", UploadBanks.Json());

        Assert.Equal("Sorry, only a QuizBot admin listed in the service's configuration (QuizBot:Admins) can import question banks. Nothing was imported.", said);
        Assert.Null(Bank(UploadBanks.Id));
    }

    [Fact]
    public async Task A_form_without_a_file_imports_nothing()
    {
        Assert.StartsWith("Choose a bank file", await _dash.RunAsync(RoundsForms.ImportAction, As(Alice, DashboardRole.Admin)), StringComparison.Ordinal);
    }
}
