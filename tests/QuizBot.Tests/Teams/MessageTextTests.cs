using System.Net;
using System.Text.RegularExpressions;
using QuizBot.Channels.Teams;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

public sealed partial class MessageTextTests
{
    // What Teams sends: mentions, HTML, entities, odd spacing, and broken tags.
    [Theory]
    [InlineData("<at>QuizBot</at> quiz")]
    [InlineData("<p><at>QuizBot</at>&nbsp;schedule daily 09:00 Europe/Berlin</p>")]
    [InlineData("<AT>Quiz Bot</AT>   leaderboard \r\n week")]
    [InlineData("<div><div><at id=\"0\">QuizBot</at> admin add <at>Bob</at></div></div>")]
    [InlineData("quiz &lt;b&gt; &amp; more")]
    [InlineData("<at>unclosed quiz")]
    [InlineData("a <> b < c > d <<x> e")]
    [InlineData("   ")]
    [InlineData("")]
    public void Normal_messages_read_as_they_did_with_the_regexes(string text) =>
        Assert.Equal(ByRegexes(text), MessageText.Plain(text));

    [Theory]
    [InlineData("<at>")]
    [InlineData("<")]
    [InlineData("<at>x")]
    [InlineData("<a")]
    public void A_quarter_megabyte_of_unclosed_tags_is_read_in_linear_work(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 250 * 1024 / unit.Length));

        MessageText.Plain(text, out var scanned);

        // The regexes looked at every later character from every opener: about length² / 8 here.
        Assert.InRange(scanned, text.Length, 8L * text.Length);
    }

    [Fact]
    public async Task A_message_longer_than_a_command_gets_a_too_long_reply_and_nothing_runs()
    {
        await using var app = new BotApp();
        var ada = new Activities(app.Connector.ServiceUrl);

        var response = await app.PostAsync(ada.Message("quiz " + new string('x', MessageText.MaxCommandLength)));

        response.EnsureSuccessStatusCode();
        Assert.Equal(MessageText.TooLong, (await app.Connector.NextAsync()).Text);
        await app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(200));
    }

    // The reading before the scanner, kept as the oracle for ordinary input.
    private static string ByRegexes(string text) =>
        string.IsNullOrEmpty(text) ? "" : Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(Mention().Replace(text, " "), " ")), " ").Trim();

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
