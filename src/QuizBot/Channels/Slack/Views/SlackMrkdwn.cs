using System.Text;

namespace QuizBot.Channels.Slack;

// Slack's mrkdwn from the engine's neutral markup, and the escaping Slack asks for: in mrkdwn, & < > are control
// characters (<!channel>, <@U123>, <https://...|link>), so text anyone could have written must carry them as entities.
internal static class SlackMrkdwn
{
    public static string Escape(string plain) =>
        plain.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // **x** -> *x*, *x* -> _x_, `code` unchanged. The neutral markup has no links or mentions, so every & < > in it is
    // text and is escaped too: a bank name echoed in a reply cannot ping a channel.
    public static string FromMarkup(string neutral)
    {
        var text = Escape(neutral);
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '`' && text.IndexOf('`', i + 1) is var codeEnd and > 0)
            {
                output.Append(text, i, codeEnd - i + 1);
                i = codeEnd + 1;
            }
            else if (string.CompareOrdinal(text, i, "**", 0, 2) == 0 && text.IndexOf("**", i + 2, StringComparison.Ordinal) is var strongEnd and > 0)
            {
                output.Append('*').Append(FromMarkupInner(text[(i + 2)..strongEnd])).Append('*');
                i = strongEnd + 2;
            }
            else if (EmphasisEnd(text, i) is var emEnd and > 0)
            {
                output.Append('_').Append(text, i + 1, emEnd - i - 1).Append('_');
                i = emEnd + 1;
            }
            else
            {
                output.Append(text[i]);
                i++;
            }
        }
        return output.ToString();
    }

    // Inside strong text only emphasis and code can occur; escaping has already happened.
    private static string FromMarkupInner(string escaped)
    {
        var output = new StringBuilder(escaped.Length);
        var i = 0;
        while (i < escaped.Length)
        {
            if (EmphasisEnd(escaped, i) is var end and > 0)
            {
                output.Append('_').Append(escaped, i + 1, end - i - 1).Append('_');
                i = end + 1;
            }
            else
            {
                output.Append(escaped[i]);
                i++;
            }
        }
        return output.ToString();
    }

    // Where *emphasis* that opens at i closes, or -1: as in Markdown, a star beside a space (or another star) is a
    // plain star, so "5 * 3" or a lone "**" stays as typed.
    private static int EmphasisEnd(string text, int i)
    {
        if (text[i] != '*' || i + 1 >= text.Length || text[i + 1] is ' ' or '*')
        {
            return -1;
        }
        var end = text.IndexOf('*', i + 1);
        return end > 0 && text[end - 1] != ' ' ? end : -1;
    }

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
