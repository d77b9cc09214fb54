using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Dashboard;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Access;

// The real service with the dashboard configured, a fake clock, a recording admin action, and rounds seeded straight
// into its store (closed posts with answers, as the scheduler would have left them).
internal sealed class DashboardSite : IAsyncDisposable
{
    public const string Conversation = "msteams:19:team@thread.tacv2";
    public const string Other = "msteams:19:other@thread.tacv2";

    public DashboardSite(string? configuredAdmin = null)
    {
        var settings = new Dictionary<string, string?> { ["QuizBot:Dashboard:PublicBaseUrl"] = "https://quizbot.example.com" };
        if (configuredAdmin is not null)
        {
            settings["QuizBot:Admins:0"] = configuredAdmin;
        }
        App = new BotApp(settings, Time, s => s.AddSingleton<IDashboardAction>(Action));
    }

    // Monday 30 Nov 2026, noon UTC.
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public BotApp App { get; }

    public RecordingAction Action { get; } = new();

    public IQuizStore Store => App.Get<IQuizStore>();

    public static Participant Person(string id, string name) => new("msteams:" + id, name);

    public string LinkFor(Participant who, string conversation = Conversation) => App.Get<SignInLinks>().Create(who, conversation);

    // A signed-in browser: the link's page, then its Continue form.
    public async Task<DashboardClient> SignInAsync(Participant who, string conversation = Conversation)
    {
        var client = new DashboardClient(App);
        var link = LinkFor(who, conversation);
        var page = await client.GetAsync(link);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        var signedIn = await client.PostAsync("/dashboard/signin", page.Antiforgery(), ("t", Token(link)));
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, signedIn.Status);
        return client;
    }

    public static string Token(string link) => link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..];

    // One closed post per entry of answers, an hour apart this morning, each answered by the people given.
    public async Task SeedAsync(string conversation, params (Participant Who, bool Right)[][] posts)
    {
        var bank = App.Get<BankCatalog>().All.First();
        var round = new Round(conversation, bank.Id, "0 9 * * *", "daily 09:00", "UTC", 1, TimeSpan.FromHours(1), true, false, RoundStatus.Active, 0,
            Time.GetUtcNow(), null, "msteams:admin", Time.GetUtcNow().AddDays(-1), 1);
        Assert.True(await Store.SaveRoundAsync(round, null, default));
        for (var i = 0; i < posts.Length; i++)
        {
            var question = bank.Questions[i];
            var slot = new DateTimeOffset(2026, 11, 30, 1 + i, 0, 0, TimeSpan.Zero);
            var post = new RoundPost(RoundPost.IdFor(conversation, slot, 0), conversation, bank.Id, PostedQuestion.Of(question), slot, slot.AddMinutes(30), "UTC",
                PostState.Claimed, null, null, "test", null, false);
            var current = (await Store.GetRoundAsync(conversation, default))!;
            Assert.True(await Store.ClaimSlotAsync(current with { Cursor = i + 1, Version = current.Version + 1 }, current.Version, [post], default));
            await Store.MarkPostedAsync(post.Id, "m" + i, slot, default);
            var n = 0;
            foreach (var (who, right) in posts[i])
            {
                var choice = right ? question.Answer : (question.Answer + 1) % question.Choices.Count;
                Assert.True((await Store.AddPostAnswerAsync(new PostAnswer(post.Id, who.Key, who.Name, choice, right, slot.AddMinutes(++n)), default)).Inserted);
            }
            await Store.ClosePostAsync(post.Id, question.Choices.Count, Periods.For(slot, TimeZoneInfo.Utc), default);
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

// An admin action that records every run: a refused post must leave it untouched.
internal sealed class RecordingAction : IDashboardAction
{
    public ConcurrentQueue<(DashboardRequest Request, IReadOnlyDictionary<string, string> Form)> Runs { get; } = new();

    public string Name => "record";

    public Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        Runs.Enqueue((request, form));
        return Task.FromResult($"Recorded <{(form.TryGetValue("note", out var note) ? note : "")}>.");
    }
}
