using System.Text.Json.Nodes;
using System.Xml.Linq;
using QuizBot.Chat;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Charts;
using QuizBot.Quizzes;
using QuizBot.Tests.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Charts;

// The engine of ChatHost with the chart pages registered as the service registers them, and a bank of three questions
// (one with markup characters in it). Rounds are seeded as people would: schedule, the scheduler posts, people click,
// the scheduler closes.
internal sealed class ChartsHost : IDisposable
{
    public static readonly string Room = ChatHost.Conversation("room-charts");
    public static readonly Participant Admin = ChatHost.Person("admin", "Ada");
    public const string ScriptText = "Which tag runs code: <script>alert(\"x\")</script> & which bolds?";
    private readonly TempDir _banks = new();
    private readonly ChatHost _host;

    // extra: more plain questions after the three (for paging).
    public ChartsHost(int extra = 0)
    {
        var questions = new JsonArray(
            Question("q-script", ScriptText, ["<b>", "<script>", "A & B", "None"], 1, "Because <script> runs & <b> only bolds."),
            Question("q-two", "What is two plus two?", ["3", "4", "5"], 1, "Count them."),
            Question("q-sky", "What colour is the sky on a clear day?", ["Blue", "Green"], 0, ""));
        for (var i = 0; i < extra; i++)
        {
            questions.Add(Question($"q-extra-{i}", $"Extra question {i}?", ["Yes", "No"], 0, ""));
        }
        var bank = new JsonObject { ["formatVersion"] = 1, ["id"] = "charts-test", ["title"] = "Charts & <tests>", ["questions"] = questions };
        File.WriteAllText(_banks.File("charts-test.json"), bank.ToJsonString());
        _host = new ChatHost(new Dictionary<string, string?> { ["QuizBot:BanksPath"] = _banks.Path }, s => s.AddDashboardCharts(), "test:admin");
    }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => _host.Time;

    public static Participant Person(int n) => ChatHost.Person($"p{n}", $"Person {n}");

    public async Task ScheduleAsync(string schedule) =>
        Assert.Contains("next", Text(await _host.SayAsync(Admin, Room, $"schedule {schedule}")), StringComparison.OrdinalIgnoreCase);

    // Moves the clock to the slot, lets the scheduler post, has each person answer (offset 0: the right choice, 1: the
    // one after it, ...), then moves to the close and lets the scheduler close. Returns the question that was posted.
    public async Task<Question> AskAsync(DateTimeOffset slot, TimeSpan window, params (Participant Who, int Offset)[] answers)
    {
        _host.Time.SetUtcNow(slot);
        var before = _host.Outbound.Views<ChatView.RoundQuestion>().Count;
        await _host.TickAsync();
        var posted = _host.Outbound.Views<ChatView.RoundQuestion>();
        Assert.Equal(before + 1, posted.Count);
        var view = posted[^1].View;
        foreach (var (who, offset) in answers)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(10));
            var choice = (view.Question.Answer + offset) % view.Question.Choices.Count;
            await _host.ClickAsync(who, Room, new CardAction.RoundAnswer(view.Post.Id, choice));
        }
        _host.Time.SetUtcNow(slot + window);
        await _host.TickAsync();
        Assert.Contains(_host.Outbound.Views<ChatView.RoundClosed>(), c => c.View.Post.Id == view.Post.Id);
        return view.Question;
    }

    public T Page<T>() where T : IDashboardPage => _host.Get<IEnumerable<IDashboardPage>>().OfType<T>().Single();

    // The page's HTML, and the same parsed: the pages write well-formed markup, so a test can walk it as XML.
    public async Task<(string Html, XElement Root)> RenderAsync<T>(params (string Key, string Value)[] query) where T : IDashboardPage
    {
        var request = new DashboardRequest(Room, Admin.Key, DashboardRole.Manager, query.ToDictionary(q => q.Key, q => q.Value));
        var html = await Page<T>().RenderAsync(request, default);
        return (html, XElement.Parse($"<root>{html}</root>"));
    }

    private static JsonObject Question(string id, string text, string[] choices, int answer, string explanation) => new()
    {
        ["id"] = id,
        ["text"] = text,
        ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]),
        ["answer"] = answer,
        ["explanation"] = explanation,
    };

    private static string Text(ChatReply reply) => Assert.IsType<ChatView.Text>(Assert.Single(reply.Messages).View).Markup;

    public void Dispose()
    {
        _host.Dispose();
        _banks.Dispose();
    }
}
