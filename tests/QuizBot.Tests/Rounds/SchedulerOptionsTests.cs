using Microsoft.Extensions.Options;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

public sealed class SchedulerOptionsTests
{
    [Theory]
    [InlineData("QuizBot:Scheduler:TickSeconds", "-1", "TickSeconds must be 0 (off) or a positive number")]
    [InlineData("QuizBot:Scheduler:Instance", " ", "Instance must not be empty")]
    [InlineData("QuizBot:Scheduler:SendTimeoutSeconds", "0", "SendTimeoutSeconds must be a number of seconds above 0")]
    public async Task A_bad_scheduler_setting_stops_the_service_at_start_with_a_sentence(string key, string value, string sentence)
    {
        await using var app = new BotApp(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(sentence, error.Message, StringComparison.Ordinal);
    }
}
