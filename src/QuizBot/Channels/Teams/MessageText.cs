using System.Net;
using System.Text.RegularExpressions;

namespace QuizBot.Channels.Teams;

// Teams wraps mentions in <at> tags and may send HTML; commands are read from the plain words.
internal static partial class MessageText
{
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var withoutMentions = Mention().Replace(text, " ");
        var withoutTags = Tag().Replace(withoutMentions, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(withoutTags), " ").Trim();
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
