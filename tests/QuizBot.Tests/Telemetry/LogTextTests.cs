using QuizBot.Telemetry;

namespace QuizBot.Tests.Telemetry;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("msteams\r\ninfo: forged", "msteams\\r\\ninfo: forged")]
    [InlineData("a\u2028b\u0085c\u202Ed", "a\\u2028b\\u0085c\\u202ed")]
    [InlineData("plain 29:ada", "plain 29:ada")]
    public void Control_and_line_break_characters_are_escaped(string value, string logged) =>
        Assert.Equal(logged, LogText.Safe(value));

    [Fact]
    public void A_huge_value_is_cut_and_says_how_much_was_left_out()
    {
        var logged = LogText.Safe(new string('x', 100_000))!;

        Assert.StartsWith(new string('x', LogText.MaxLength) + "…", logged, StringComparison.Ordinal);
        Assert.Contains("99488 more characters", logged, StringComparison.Ordinal);
    }
}
