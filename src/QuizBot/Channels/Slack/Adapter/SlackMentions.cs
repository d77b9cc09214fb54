using System.Text;

namespace QuizBot.Channels.Slack;

// Slack writes a mention as <@U123> or <@U123|name> in message and (escaped) slash-command text. Commands are read from
// the text without them; the people named come back separately. One pass, no backtracking: text length is all it costs.
internal static class SlackMentions
{
    public static (string Text, List<string> Users) Split(string? text)
    {
        var users = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return ("", users);
        }
        var plain = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var close = text.StartsWith("<@", i) ? text.IndexOf('>', i + 2) : -1;
            if (close < 0)
            {
                plain.Append(text[i++]);
                continue;
            }
            var inner = text.AsSpan(i + 2, close - i - 2);
            var bar = inner.IndexOf('|');
            users.Add((bar < 0 ? inner : inner[..bar]).ToString());
            plain.Append(' ');
            i = close + 1;
        }
        // Slack escapes &, < and > in text it sends.
        var decoded = plain.ToString().Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return (string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), users);
    }

    private static bool StartsWith(this string text, string prefix, int at) => string.CompareOrdinal(text, at, prefix, 0, prefix.Length) == 0;
}
