using QuizBot.Quizzes.Rounds;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

// A listed admin is an admin on their own channel only: on Web Chat the client picks its own from.id and aadObjectId.
public sealed class AdminChannelTests : IAsyncLifetime
{
    private readonly BotApp _app = new(new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> SayAsync(Activities who, string text)
    {
        (await _app.PostAsync(who.Message(text))).EnsureSuccessStatusCode();
        var reply = await _app.Connector.NextAsync();
        return reply.Text ?? CardReading.Words(reply.Card());
    }

    [Fact]
    public async Task Someone_on_web_chat_claiming_a_teams_admins_ids_is_refused()
    {
        var impostor = new Activities(_app.Connector.ServiceUrl, "webchat", "webchat-conversation", "29:alice", "Alice");

        Assert.Equal(Admins.Refusal, await SayAsync(impostor, "schedule daily 09:00 UTC"));
    }

    [Fact]
    public async Task The_admin_on_teams_schedules()
    {
        var alice = new Activities(_app.Connector.ServiceUrl, "msteams", "a:1on1-conversation;messageid=1", "29:alice", "Alice");

        Assert.Contains("Scheduled", await SayAsync(alice, "schedule daily 09:00 UTC"), StringComparison.Ordinal);
    }
}
