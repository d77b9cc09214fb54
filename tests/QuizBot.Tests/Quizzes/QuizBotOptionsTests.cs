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
        // As QuizBot__Admins__0=29:1abc and QuizBot__Admins__1= in the environment.
        await using var app = new BotApp(new() { ["QuizBot:Admins:0"] = "29:1abc", ["QuizBot:Admins:1"] = entry });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("QuizBot:Admins has an empty entry", error.Message, StringComparison.Ordinal);
        Assert.Contains("remove it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listed_admins_start_the_service()
    {
        await using var app = new BotApp(new() { ["QuizBot:Admins:0"] = "29:1abc", ["QuizBot:Admins:1"] = "00000000-0000-0000-0000-000000000001" });
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
    }
}
