using QuizBot.Chat;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// Digits of other scripts (Arabic-Indic here) in a schedule: a sentence saying what to write, never a 500.
public sealed class ScheduleDigitsTests : IAsyncLifetime
{
    private const string Conversation = "a:1on1-conversation;messageid=1";
    private readonly BotApp _app = new(new() { ["QuizBot:Admins:0"] = "msteams:29:alice" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("schedule daily ٠٩:٣٠ UTC", "is not a time of day")]
    [InlineData("schedule weekly mon ٠٩:٣٠ UTC", "is not a time of day")]
    [InlineData("schedule daily 09:00 UTC window ٨h", "is not a duration")]
    [InlineData("schedule daily 09:00 UTC questions ٢", "questions")]
    public async Task A_schedule_with_non_ascii_digits_gets_a_sentence_and_nothing_is_stored(string command, string sentence)
    {
        var alice = new Activities(_app.Connector.ServiceUrl, "msteams", Conversation, "29:alice", "Alice");

        var response = await _app.PostAsync(alice.Message(command));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var reply = (await _app.Connector.NextAsync()).Text ?? "";
        Assert.Contains(sentence, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", reply, StringComparison.Ordinal);
        Assert.Null(await _app.Get<IRoundStore>().GetRoundAsync(ChatKeys.Conversation("msteams", Conversation), CancellationToken.None));
    }
}
