using System.Net;
using System.Text.RegularExpressions;

namespace QuizBot.Tests.Hostile;

// Hostile texts a person can put in front of everyone (a display name, a typed argument, a bank from a file), and how
// a reader takes the escaped result: the look-alikes the channels use for syntax characters read as those characters,
// and the invisible word joiner is not read at all.
internal static partial class EscapingReading
{
    // Emphasis, strong, strike, code, a Markdown link, an autolink, an HTML-ish tag, an entity and a backslash escape.
    public const string Markdown = "*Eve* __boss__ ~~x~~ `rm` [Reset your password](https://evil.example/reset) <https://evil.example> <b>hi</b> &amp; \\*";

    // Slack's links, mentions and broadcasts, and its emphasis characters.
    public const string Mrkdwn = "<https://evil.example|Reset your password> <!channel> <@U123> <#C1> @here *Eve* _boss_ ~x~ `rm` &amp;";

    public static string Read(string shown) => shown
        .Replace("\u2060", "", StringComparison.Ordinal)
        .Replace('∗', '*').Replace('ˍ', '_').Replace('∼', '~').Replace('ˋ', '`').Replace('⧵', '\\');

    // HTML as a person reads it: the words, without tags, entities decoded.
    public static string ReadHtml(string html) => Read(WebUtility.HtmlDecode(Tags().Replace(html, "")));

    // Slack's three entities decoded, then read.
    public static string ReadMrkdwn(string mrkdwn) =>
        Read(mrkdwn.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal));

    // The formatting tags markdown-it gives Markdown syntax; paragraphs and line breaks are just text.
    public static IEnumerable<string> FormattingTags(string html) =>
        Tags().Matches(html).Select(m => m.Value).Where(t => !Regex.IsMatch(t, "^</?(p|br)\\s*/?>$"));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
