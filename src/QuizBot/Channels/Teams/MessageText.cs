using System.Net;
using System.Text;

namespace QuizBot.Channels.Teams;

// Teams wraps mentions in <at> tags and may send HTML; commands are read from the plain words. Scanned in one pass
// each, never by backtracking: a body full of unclosed <at> or < must cost what its length costs, not its square.
internal static class MessageText
{
    // Every command fits in a line; anything longer is refused before it runs.
    public const int MaxCommandLength = 1000;

    public const string TooLong = "That message is too long for a QuizBot command; commands are a few words, such as `quiz` or `schedule daily 09:00 UTC`.";

    public static string Plain(string? text) => Plain(text, out _);

    // scanned: how many characters the passes looked at, so a test can see the work stays linear in the input.
    internal static string Plain(string? text, out long scanned)
    {
        scanned = 0;
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var withoutMentions = Strip(text, "<at>", "</at>", ref scanned);
        var withoutTags = Strip(withoutMentions, "<", ">", ref scanned);
        return CollapseSpaces(WebUtility.HtmlDecode(withoutTags), ref scanned);
    }

    // Each open..close span (case-insensitive, shortest, non-empty between for single-character tags) becomes a space,
    // as the regexes <at>.*?</at> and <[^>]+> did. The next close is found once and reused until it is passed, so an
    // opener with no close ahead costs nothing more.
    private static string Strip(string text, string open, string close, ref long scanned)
    {
        var output = new StringBuilder(text.Length);
        var nextClose = -2; // not yet looked for; -1: none ahead
        var i = 0;
        while (i < text.Length)
        {
            scanned++;
            if (!text.AsSpan(i).StartsWith(open, StringComparison.OrdinalIgnoreCase))
            {
                output.Append(text[i++]);
                continue;
            }
            var from = i + open.Length;
            if (nextClose == -2 || (nextClose >= 0 && nextClose < from))
            {
                var start = nextClose < 0 ? from : Math.Max(from, nextClose);
                var found = text.IndexOf(close, start, StringComparison.OrdinalIgnoreCase);
                scanned += (found < 0 ? text.Length : found) - start;
                nextClose = found;
            }
            // <[^>]+> needs something between, so "<>" stays text.
            if (nextClose < 0 || (open.Length == 1 && nextClose == from))
            {
                output.Append(text[i++]);
                continue;
            }
            output.Append(' ');
            i = nextClose + close.Length;
        }
        return output.ToString();
    }

    private static string CollapseSpaces(string text, ref long scanned)
    {
        var output = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            scanned++;
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && output.Length > 0)
            {
                output.Append(' ');
            }
            space = false;
            output.Append(c);
        }
        return output.ToString();
    }
}
