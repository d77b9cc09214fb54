using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Tests.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

// Banks in the store: an import makes a new version, what was started on a version keeps it, and the banks folder
// seeds the store without letting one broken file stop the service.
public sealed class BankVersionsTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    // The seed bank with its first question reworded and its right answer moved to another choice.
    private static byte[] FirstQuestionChanged()
    {
        var json = JsonNode.Parse(File.ReadAllText(Repo.Path("banks", "model-compression.json")))!;
        var first = json["questions"]![0]!;
        first["text"] = "Reworded: " + first["text"]!.GetValue<string>();
        first["answer"] = (first["answer"]!.GetValue<int>() + 1) % 4;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public async Task A_quiz_started_before_an_import_finishes_on_its_version_and_the_next_quiz_gets_the_new_one()
    {
        using var host = new ChatHost();
        var ada = ChatHost.Person("ada", "Ada");
        var bob = ChatHost.Person("bob", "Bob");
        var adaQuiz = Question(await host.SayAsync(ada, ChatHost.Conversation("dm-ada"), "quiz"));
        Assert.Equal(1, host.Get<BankCatalog>().Get(Seed.Id)!.Version);

        var import = await host.Get<BankLibrary>().ImportAsync(FirstQuestionChanged(), "model-compression.json", null, null, default);

        Assert.Equal((2, false), (import.Version, import.Unchanged));
        // Ada's card was asked on version 1: the old right answer is still right, with the old wording.
        var reply = await host.ClickAsync(ada, ChatHost.Conversation("dm-ada"), new CardAction.Answer(adaQuiz.SessionId, 0, Seed.Questions[0].Answer));
        var result = Assert.IsType<ChatView.Result>(reply.Messages[0].View).View;
        Assert.True(result.Correct);
        Assert.Equal(Seed.Questions[0].Text, result.Question.Text);
        // Bob starts after the import: version 2.
        var bobQuiz = Question(await host.SayAsync(bob, ChatHost.Conversation("dm-bob"), "quiz"));
        Assert.StartsWith("Reworded: ", bobQuiz.Question.Text, StringComparison.Ordinal);
        Assert.Equal((Seed.Questions[0].Answer + 1) % 4, bobQuiz.Question.Answer);
    }

    [Fact]
    public async Task A_version_imported_on_another_instance_is_served_here_after_the_next_refresh()
    {
        using var data = new TempDir();
        var shared = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = data.File("shared.db") };
        using var here = new ChatHost(shared);
        using var there = new ChatHost(shared);

        await there.Get<BankLibrary>().ImportAsync(FirstQuestionChanged(), "model-compression.json", null, null, default);
        Assert.Equal(1, here.Get<BankCatalog>().Get(Seed.Id)!.Version);
        here.Time.Advance(TimeSpan.FromSeconds(30));

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (here.Get<BankCatalog>().Get(Seed.Id)!.Version != 2 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(2, here.Get<BankCatalog>().Get(Seed.Id)!.Version);
        Assert.True(here.Get<BankCatalog>().Has(Seed.Id, 1));
    }

    [Fact]
    public async Task Importing_the_same_questions_again_makes_no_new_version()
    {
        using var host = new ChatHost();
        var library = host.Get<BankLibrary>();

        var again = await library.ImportAsync(File.ReadAllBytes(Repo.Path("banks", "model-compression.json")), "copy.json", null, null, default);

        Assert.Equal((1, true), (again.Version, again.Unchanged));
        Assert.Equal(1, Assert.Single(await library.ListAsync(default)).Version);
    }

    [Fact]
    public async Task A_broken_import_stores_nothing_and_says_which_file_and_field()
    {
        using var host = new ChatHost();
        var library = host.Get<BankLibrary>();
        var broken = Encoding.UTF8.GetBytes(File.ReadAllText(Repo.Path("banks", "model-compression.json")).Replace("\"answer\": 1", "\"answer\": 9", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<BankFormatException>(() => library.ImportAsync(broken, "edited.json", null, null, default));

        Assert.Contains("edited.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("'answer'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await library.ListAsync(default)).Version);
    }

    [Fact]
    public async Task A_broken_bank_file_is_skipped_the_service_keeps_the_last_good_version_and_readiness_names_the_file()
    {
        using var banks = new TempDir();
        using var data = new TempDir();
        File.Copy(Repo.Path("banks", "model-compression.json"), banks.File("model-compression.json"));
        var settings = new Dictionary<string, string?> { ["QuizBot:BanksPath"] = banks.Path, ["Storage:Sqlite:Path"] = data.File("quizbot.db") };
        await using (var first = new BotApp(settings))
        {
            using var client = first.CreateClient();
            Assert.Equal("ready", (await ReadyAsync(client))["status"]!.GetValue<string>());
        }
        // The file is edited badly and a second broken file added; the service starts again on the same store.
        File.WriteAllText(banks.File("model-compression.json"), File.ReadAllText(Repo.Path("banks", "model-compression.json"))[..400]);
        File.WriteAllText(banks.File("other.json"), "{ \"formatVersion\": 1, \"id\": \"other\" }");
        await using var second = new BotApp(settings);
        using var again = second.CreateClient();

        var ready = await ReadyAsync(again);

        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        var problems = string.Join(" ", ready["problems"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("model-compression.json: not valid JSON (line", problems, StringComparison.Ordinal);
        Assert.Contains("other.json", problems, StringComparison.Ordinal);
        var bank = second.Get<BankCatalog>().Get(Seed.Id);
        Assert.Equal((1, Seed.Questions.Count), (bank!.Version, bank.Questions.Count));
    }

    [Fact]
    public async Task With_no_bank_in_the_store_quiz_and_schedule_say_to_import_one()
    {
        using var empty = new TempDir();
        using var host = new ChatHost(new Dictionary<string, string?> { ["QuizBot:BanksPath"] = empty.Path }, "test:alice");
        var alice = ChatHost.Person("alice", "Alice");

        var quiz = await host.SayAsync(alice, ChatHost.Conversation("dm-alice"), "quiz");
        var schedule = await host.SayAsync(alice, ChatHost.Conversation("room"), "schedule daily 09:00 UTC");

        Assert.Equal(Wording.NoBanks, Assert.IsType<ChatView.Text>(Assert.Single(quiz.Messages).View).Markup);
        Assert.Contains("There are no question banks yet", Assert.IsType<ChatView.Text>(Assert.Single(schedule.Messages).View).Markup,
            StringComparison.Ordinal);
    }

    private static QuestionView Question(ChatReply reply) => Assert.IsType<ChatView.Question>(reply.Messages[0].View).View;

    private static async Task<JsonObject> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
