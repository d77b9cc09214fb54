using Microsoft.Extensions.Options;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Quizzes;

public sealed class QuizBotOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_admin_entry_stops_the_service_at_start_with_a_sentence_that_names_the_key(string entry)
    {
        // As QuizBot__Admins__0=msteams:29:1abc and QuizBot__Admins__1= in the environment.
        await using var app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:29:1abc", ["QuizBot:Admins:1"] = entry });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("QuizBot:Admins:1 is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("remove it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29:1abc")] // a Teams id: "29" is not a channel
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("aad-29:alice")]
    [InlineData("msteams:")]
    [InlineData("slack:U456")] // a Slack user without the workspace
    public async Task An_admin_entry_without_its_channel_stops_the_service_at_start_with_a_sentence_saying_how_to_write_it(string entry)
    {
        await using var app = new BotApp(new() { ["QuizBot:Admins:0"] = entry });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("QuizBot:Admins:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("msteams:<aadObjectId>", error.Message, StringComparison.Ordinal);
        Assert.Contains("slack:T123:U456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listed_admins_start_the_service()
    {
        await using var app = new BotApp(new()
        {
            ["QuizBot:Admins:0"] = "msteams:29:1abc",
            ["QuizBot:Admins:1"] = "msteams:00000000-0000-0000-0000-000000000001",
            ["QuizBot:Admins:2"] = "slack:T123:U456",
        });
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
    }
}
