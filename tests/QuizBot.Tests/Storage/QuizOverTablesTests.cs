using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// The whole service on Azure Table Storage (Azurite): a quiz works, and when the store goes away the person is
// told to try again instead of getting an error dump.
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class QuizOverTablesTests : IAsyncLifetime
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private readonly Azurite _azurite = new();
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _app = new BotApp(new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = "e2e" + Guid.NewGuid().ToString("N")[..8],
            ["Storage:AzureTables:MaxRetries"] = "1",
            ["Storage:AzureTables:RetryDelay"] = "00:00:00.010",
            ["Storage:AzureTables:NetworkTimeout"] = "00:00:03",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (!_stopped)
        {
            await _azurite.DisposeAsync();
        }
    }

    private bool _stopped;

    [Fact]
    public async Task A_quiz_runs_on_tables_and_a_store_outage_gets_a_try_again_answer()
    {
        var teams = new Activities(_app.Connector.ServiceUrl);
        (await _app.PostAsync(teams.Message("quiz"))).EnsureSuccessStatusCode();
        var question = (await _app.Connector.NextAsync()).Card();
        var right = await _app.InvokeAsync(teams.Invoke(CardReading.Button(question, "answer", Seed.Questions[0].Answer)));
        Assert.Contains("Correct", CardReading.Words(right["value"]!), StringComparison.Ordinal);
        var second = (await _app.Connector.NextAsync()).Card();

        await _azurite.DisposeAsync(); // the storage account goes away
        _stopped = true;

        var answer = await _app.InvokeAsync(teams.Invoke(CardReading.Button(second, "answer", 0)));
        Assert.Equal(503, answer["statusCode"]!.GetValue<int>());
        Assert.Contains("try again", answer["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var text = await _app.PostAsync(teams.Message("quiz"));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, text.StatusCode);
        using var client = _app.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}
