using System.Text;
using QuizBot.Quizzes;

namespace QuizBot.Channels.Teams;

// Teams markdown (Adaptive Card TextBlocks and `textFormat: markdown` messages) from the engine's neutral markup, and
// the escaping every text someone else wrote needs there. Teams has no escape that works in every client: backslash
// escapes are shown as backslashes by the cards' native renderers (desktop, mobile), and entities are not decoded in
// cards, whose markdown has no HTML. So what would be syntax is kept from being syntax in a way no parser reads as
// markup: the emphasis, strike and code characters become look-alikes (Markup.LookAlike) and \ becomes ⧵, because
// whether a star opens emphasis depends on the client's parser; and an invisible word joiner follows
// the characters that are only syntax next to something else (] before "(" makes a link, < before a letter a tag or
// <https://…> an autolink, & before a name an entity), so those read exactly as typed.
internal static class TeamsMarkdown
{
    private const char WordJoiner = '\u2060';
    private static readonly Markup.Syntax Syntax = new("**", "*", Escape, EscapeCode);

    public static string Escape(string plain)
    {
        var output = new StringBuilder(plain.Length + 8);
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            _ = Markup.LookAlike(plain, i) is { } lookAlike ? output.Append(lookAlike) : c switch
            {
                '\\' => output.Append('⧵'),
                ']' or '<' or '&' => output.Append(c).Append(WordJoiner),
                _ => output.Append(c),
            };
        }
        return output.ToString();
    }

    // Code is the bot's own commands, kept copyable (a cron's stars included): messages show it as code, where
    // nothing else is syntax; cards have no code and show it as text.
    private static string EscapeCode(string plain) =>
        plain.Replace('`', 'ˋ').Replace("<", "<\u2060", StringComparison.Ordinal).Replace("&", "&\u2060", StringComparison.Ordinal);

    // **strong**, *emphasis* and `code` as Teams writes them; every literal stretch escaped.
    public static string FromMarkup(string markup) => Markup.Render(markup, Syntax);
}
