using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Disputes;

// "Report a problem" on a self-paced quiz result in a Teams 1:1 chat, decided by an admin there. Sessions' scores stay as
// they were; the report records the decision, and a new right answer becomes the bank's next version.
public sealed class SelfPacedDisputesTests : IAsyncLifetime
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private readonly BotApp _app;
    private Activities _alice = null!;

    public SelfPacedDisputesTests() => _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:29:alice" });

    public Task InitializeAsync()
    {
        _alice = new Activities(_app.Connector.ServiceUrl, userId: "29:alice", userName: "Alice");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_quiz_result_is_reported_and_accepted_with_a_new_answer_the_bank_gets_it_and_the_reporter_is_told()
    {
        (await _app.PostAsync(_alice.Message("quiz"))).EnsureSuccessStatusCode();
        var question = (await _app.Connector.NextAsync()).Card();
        var asked = Seed.Questions[0];
        var result = (await _app.InvokeAsync(_alice.Invoke(CardReading.Button(question, "answer", (asked.Answer + 1) % 4))))["value"]!;
        var data = (JsonObject)Assert.Single(CardReading.Buttons(result, "report")).DeepClone();
        data["reason"] = "wrong";
        data["text"] = "The other one is right";

        var thanks = await _app.InvokeAsync(_alice.Invoke(data, "report"));

        Assert.Contains("Thanks, your report", thanks["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var report = Assert.Single(await _app.Get<IDisputeStore>().GetOpenDisputesAsync("msteams:a:1on1-conversation", 10, default));
        Assert.Equal((Seed.Id, asked.Id, null), (report.BankId, report.QuestionId, report.PostId));
        Assert.NotNull(report.SessionId);

        (await _app.PostAsync(_alice.Message("disputes"))).EnsureSuccessStatusCode();
        var list = (await NextToConversationAsync()).Card();
        Assert.Contains("1 report", CardReading.Words(list), StringComparison.Ordinal);
        var newAnswer = (asked.Answer + 2) % 4;
        var accept = CardReading.Buttons(list, "dispute").Single(b => b["v"]!.GetValue<string>() == "answer" && b["c"]!.GetValue<int>() == newAnswer);
        var decided = await _app.InvokeAsync(_alice.Invoke(accept, "dispute"));

        Assert.Contains("given a new right answer, " + asked.Describe(newAnswer), decided["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var bank = await _app.Get<IBankStore>().GetBankAsync(Seed.Id, null, default);
        Assert.Equal(newAnswer, bank!.Questions[bank.IndexOf(asked.Id)].Answer);
        var told = Assert.Single(_app.Connector.Calls, c => c.ConversationId == "a:personal-29:alice");
        Assert.Contains("the right answer is now " + asked.Describe(newAnswer), told.Text, StringComparison.Ordinal);
        var stored = Assert.Single(await _app.Get<IDisputeStore>().GetDisputesAsync("msteams:a:1on1-conversation", Seed.Id, asked.Id, default));
        Assert.Equal((DisputeVerdict.NewAnswer, newAnswer), (stored.Decision!.Verdict, stored.Decision.NewAnswer));

        // Again: already decided, the bank is not written twice.
        var again = await _app.InvokeAsync(_alice.Invoke(accept, "dispute"));
        Assert.Contains("already decided", again["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var versions = (await _app.Get<IBankStore>().ListBanksAsync(default)).Single(b => b.Id == Seed.Id);
        Assert.Equal(2, versions.Version);
    }

    private async Task<ConnectorCall> NextToConversationAsync()
    {
        var call = await _app.Connector.NextAsync();
        // Past the next question the quiz sent after the answer.
        while (call.Attachments.Count == 0 || !CardReading.Words(call.Card()).Contains("Reported questions", StringComparison.Ordinal))
        {
            call = await _app.Connector.NextAsync();
        }
        return call;
    }
}
