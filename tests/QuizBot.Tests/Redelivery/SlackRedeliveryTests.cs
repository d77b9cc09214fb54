using System.Net;
using QuizBot.Tests.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Redelivery;

// Slack resends an event (the same event_id) to whichever instance answers its request URL.
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class SlackRedeliveryTests
{
    [Fact]
    public async Task An_event_redelivered_to_a_second_instance_runs_once()
    {
        using var dir = new TempDir();
        var settings = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = dir.File("quizbot.db") };
        await using var a = new SlackApp(settings: settings);
        await using var b = new SlackApp(settings: settings);

        using (var first = await a.DirectMessageAsync("U0BOB", "help", eventId: "Ev0TWICE"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        await a.Slack.NextAsync("chat.postMessage");
        using (var redelivered = await b.DirectMessageAsync("U0BOB", "help", eventId: "Ev0TWICE"))
        {
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        await b.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromMilliseconds(500));
        await a.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromMilliseconds(100));
    }
}
