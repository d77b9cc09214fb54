using System.Net;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Redelivery;

// The round a redelivery test runs: an admin in a Teams channel, and what Teams would see.
internal static class RedeliveryRound
{
    public const string Channel = "19:redeliveries@thread.tacv2";

    public static readonly TimeSpan Lease = QuizBot.Chat.Redeliveries.Lease;
    public static readonly TimeSpan Keep = QuizBot.Chat.Redeliveries.Keep;

    public static Dictionary<string, string?> Settings(string? sqlitePath = null)
    {
        var settings = new Dictionary<string, string?> { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" };
        if (sqlitePath is not null)
        {
            settings["Storage:Sqlite:Path"] = sqlitePath;
        }
        return settings;
    }

    // Replies go to this app's connector, whichever instance takes the activity.
    public static Activities Alice(BotApp app) =>
        new(app.Connector.ServiceUrl, "msteams", Channel + ";messageid=1700000000000", "29:alice", "Alice", "channel");

    public static async Task ScheduleAsync(BotApp app, Activities alice)
    {
        (await app.PostAsync(alice.Message("schedule daily 09:00 UTC"))).EnsureSuccessStatusCode();
        Assert.Contains("Scheduled", (await app.Connector.NextAsync()).Text, StringComparison.Ordinal);
    }

    // What the Bot Framework channel retries: a 5xx with Retry-After (an invoke in its own answer shape).
    public static void AssertTryAgain(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    // The same `schedule`, then the same `post now`, delivered to both instances (the post now at once): each runs once.
    public static async Task RunOnceOnBothAsync(BotApp a, BotApp b)
    {
        var alice = Alice(a);
        var schedule = alice.Message("schedule daily 09:00 UTC");
        using (var first = await a.PostAsync(schedule))
        using (var second = await b.PostAsync(schedule))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }
        Assert.Contains("Scheduled", (await a.Connector.NextAsync()).Text, StringComparison.Ordinal);
        await a.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));

        var postNow = alice.Message("post now");
        var both = await Task.WhenAll(a.PostAsync(postNow), b.PostAsync(postNow));
        foreach (var response in both)
        {
            // Whichever came second found it done (200) or still running (try again).
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, response.StatusCode.ToString());
            response.Dispose();
        }
        using (var later = await b.PostAsync(postNow))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }
        Assert.NotEmpty((await a.Connector.NextAsync()).Attachments);
        await a.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
        await b.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(50));
    }
}
