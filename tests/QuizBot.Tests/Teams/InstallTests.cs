using Microsoft.Extensions.Time.Testing;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

public sealed class InstallTests : IAsyncLifetime
{
    private const string Channel = "19:install-channel@thread.tacv2";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly BotApp _app;
    private Activities _alice = null!;

    public InstallTests() => _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:29:alice" }, _time);

    public Task InitializeAsync()
    {
        _alice = new Activities(_app.Connector.ServiceUrl, "msteams", Channel, "29:alice", "Alice", "channel");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Installing_sends_one_welcome_that_says_how_to_start_and_remembers_the_conversation()
    {
        // Teams announces an install twice: a conversationUpdate with the bot among the members and an installationUpdate.
        (await _app.PostAsync(_alice.BotAdded())).EnsureSuccessStatusCode();
        (await _app.PostAsync(_alice.Installation("add"))).EnsureSuccessStatusCode();

        var welcome = CardReading.Words((await _app.Connector.NextAsync()).Card());
        Assert.Contains("quiz", welcome, StringComparison.Ordinal);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
        Assert.NotNull(await _app.Get<IQuizStore>().GetConversationAsync("msteams:" + Channel, default));
    }

    [Fact]
    public async Task After_an_uninstall_scheduled_rounds_stop_posting_there()
    {
        (await _app.PostAsync(_alice.Message("schedule daily 09:00 UTC"))).EnsureSuccessStatusCode();
        await _app.Connector.NextAsync();
        (await _app.PostAsync(_alice.Installation("remove"))).EnsureSuccessStatusCode();

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await _app.Get<RoundScheduler>().TickAsync(default);

        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
        var record = await _app.Get<IQuizStore>().GetConversationAsync("msteams:" + Channel, default);
        Assert.True(record!.Blocked);
    }

    [Fact]
    public async Task A_conversation_that_blocked_the_bot_is_marked_and_gets_no_more_posts()
    {
        (await _app.PostAsync(_alice.Message("schedule daily 09:00 UTC"))).EnsureSuccessStatusCode();
        await _app.Connector.NextAsync();
        _app.Connector.Failures.Enqueue(403);

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await _app.Get<RoundScheduler>().TickAsync(default);
        var record = await _app.Get<IQuizStore>().GetConversationAsync("msteams:" + Channel, default);
        Assert.True(record!.Blocked);
        Assert.Contains("ConversationBlockedByUser", record.BlockedReason, StringComparison.Ordinal);

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await _app.Get<RoundScheduler>().TickAsync(default);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
    }
}
