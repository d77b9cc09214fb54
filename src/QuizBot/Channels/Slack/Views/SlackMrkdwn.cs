using System.Text;
using QuizBot.Quizzes;

namespace QuizBot.Channels.Slack;

// Slack's mrkdwn from the engine's neutral markup, and the escaping Slack asks for: in mrkdwn, & < > are control
// characters (<!channel>, <@U123>, <https://...|link>), so text anyone could have written must carry them as entities.
internal static class SlackMrkdwn
{
    private const char WordJoiner = '\u2060';
    private static readonly Markup.Syntax Syntax = new("*", "_", Escape, EscapeCode);

    // & < > as the entities Slack documents ("Formatting text for app surfaces"). mrkdwn has no escape for its
    // emphasis, strike and code characters, so they become look-alikes (Markup.LookAlike); an invisible word joiner after @
    // keeps "@here" and "@channel" from ever becoming a mention, however the message is posted.
    public static string Escape(string plain)
    {
        var output = new StringBuilder(plain.Length + 8);
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            _ = Markup.LookAlike(plain, i) is { } lookAlike ? output.Append(lookAlike) : c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '@' => output.Append('@').Append(WordJoiner),
                _ => output.Append(c),
            };
        }
        return output.ToString();
    }

    // Inside code nothing but & < > and the closing backtick is syntax, and a command shown there must stay one a
    // person can copy (a cron's stars included).
    public static string EscapeCode(string plain) =>
        plain.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace('`', 'ˋ');

    // **x** -> *x*, *x* -> _x_, `code` unchanged; every literal stretch escaped, so a bank name or a typed argument
    // echoed in a reply can neither ping a channel nor take over the bot's formatting.
    public static string FromMarkup(string markup) => Markup.Render(markup, Syntax);

    // Cuts to at most max characters with an ellipsis, never inside an entity (&amp;) or a surrogate pair, so a cut
    // text still shows what it said.
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = max - 1;
        var amp = text.LastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp < 5 && text.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut] + "…";
    }
}
