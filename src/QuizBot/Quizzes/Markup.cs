using System.Text;

namespace QuizBot.Quizzes;

// The engine's small, channel-neutral markup: **strong**, *emphasis* and `code`, nothing else (no links, headings or
// lists). Text someone else wrote (a name, a typed argument, a bank's title) goes in through Plain, which escapes the
// markup's own characters with a backslash, so it can never open or close the bot's formatting. Each channel renders
// the parsed spans in its own syntax and escapes every text span for it (TeamsMarkdown, SlackMrkdwn).
internal static class Markup
{
    public static string Strong(string markup) => $"**{markup}**";

    public static string Emphasis(string markup) => $"*{markup}*";

    public static string Code(string markup) => $"`{markup}`";

    // Literal text inside markup: every character of it is shown as it is.
    public static string Plain(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '`')
            {
                output.Append('\\');
            }
            output.Append(c);
        }
        return output.ToString();
    }

    // Between two letters or digits an underscore is never emphasis (CommonMark, Slack), so snake_case and
    // America/New_York can be left as typed, and copied.
    public static bool InWord(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);

    // The characters Teams markdown and Slack mrkdwn both read as emphasis, strike or code, as look-alikes no parser reads
    // as syntax (whether the real one is syntax depends on its neighbours and the client): * ∗, _ ˍ unless inside a word,
    // ~ ∼, ` ˋ. Null for any other character.
    public static char? LookAlike(string text, int i) => text[i] switch
    {
        '*' => '∗',
        '_' when !InWord(text, i) => 'ˍ',
        '~' => '∼',
        '`' => 'ˋ',
        _ => null,
    };

    public enum Style { Text, Strong, Emphasis, StrongEmphasis, Code }

    // One stretch of markup with a single style; Text is literal (escapes removed).
    public sealed record Span(Style Style, string Text);

    // Strong may hold emphasis, so its spans come flattened: a strong stretch with emphasis inside is split into
    // Strong, StrongEmphasis and Strong again.
    public static IReadOnlyList<Span> Parse(string markup)
    {
        var spans = new List<Span>();
        var i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '`' && Close(markup, i + 1, "`") is var codeEnd and > 0)
            {
                spans.Add(new Span(Style.Code, Unescape(markup[(i + 1)..codeEnd])));
                i = codeEnd + 1;
            }
            else if (string.CompareOrdinal(markup, i, "**", 0, 2) == 0 && Close(markup, i + 2, "**") is var strongEnd and > 0)
            {
                foreach (var inner in Parse(markup[(i + 2)..strongEnd]))
                {
                    spans.Add(inner.Style switch
                    {
                        Style.Text => inner with { Style = Style.Strong },
                        Style.Emphasis => inner with { Style = Style.StrongEmphasis },
                        _ => inner,
                    });
                }
                i = strongEnd + 2;
            }
            else if (EmphasisEnd(markup, i) is var emEnd and > 0)
            {
                spans.Add(new Span(Style.Emphasis, Unescape(markup[(i + 1)..emEnd])));
                i = emEnd + 1;
            }
            else
            {
                var end = NextSyntax(markup, markup[i] == '\\' ? Math.Min(i + 2, markup.Length) : i + 1);
                spans.Add(new Span(Style.Text, Unescape(markup[i..end])));
                i = end;
            }
        }
        return Merge(spans);
    }

    // A channel's way of writing the markup: its delimiters, and how it escapes text and code.
    public sealed record Syntax(string Strong, string Emphasis, Func<string, string> EscapeText, Func<string, string> EscapeCode);

    // The markup in a channel's syntax, every literal stretch escaped for it; a strong stretch stays one, with any
    // emphasis nested inside it.
    public static string Render(string markup, Syntax syntax)
    {
        var output = new StringBuilder(markup.Length);
        var strong = false;
        foreach (var span in Parse(markup))
        {
            var inStrong = span.Style is Style.Strong or Style.StrongEmphasis;
            if (inStrong != strong)
            {
                output.Append(syntax.Strong);
                strong = inStrong;
            }
            _ = span.Style switch
            {
                Style.Code => output.Append('`').Append(syntax.EscapeCode(span.Text)).Append('`'),
                Style.Emphasis or Style.StrongEmphasis => output.Append(syntax.Emphasis).Append(syntax.EscapeText(span.Text)).Append(syntax.Emphasis),
                _ => output.Append(syntax.EscapeText(span.Text)),
            };
        }
        if (strong)
        {
            output.Append(syntax.Strong);
        }
        return output.ToString();
    }

    // Where an unescaped closing delimiter starts, from `from` on, or -1.
    private static int Close(string markup, int from, string delimiter)
    {
        for (var i = from; i < markup.Length; i++)
        {
            if (markup[i] == '\\')
            {
                i++;
            }
            else if (string.CompareOrdinal(markup, i, delimiter, 0, delimiter.Length) == 0)
            {
                return i;
            }
        }
        return -1;
    }

    // As in Markdown, a star beside a space (or another star) is a plain star, so "5 * 3" or a lone "**" stays as typed.
    private static int EmphasisEnd(string markup, int i)
    {
        if (markup[i] != '*' || i + 1 >= markup.Length || markup[i + 1] is ' ' or '*')
        {
            return -1;
        }
        var end = Close(markup, i + 1, "*");
        return end > 0 && markup[end - 1] != ' ' ? end : -1;
    }

    private static int NextSyntax(string markup, int from)
    {
        for (var i = from; i < markup.Length; i++)
        {
            if (markup[i] == '\\')
            {
                i++;
            }
            else if (markup[i] is '*' or '`')
            {
                return i;
            }
        }
        return markup.Length;
    }

    private static string Unescape(string markup)
    {
        var output = new StringBuilder(markup.Length);
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '\\' && i + 1 < markup.Length)
            {
                i++;
            }
            output.Append(markup[i]);
        }
        return output.ToString();
    }

    private static List<Span> Merge(List<Span> spans)
    {
        var merged = new List<Span>(spans.Count);
        foreach (var span in spans.Where(s => s.Text.Length > 0))
        {
            if (merged.Count > 0 && merged[^1].Style == span.Style && span.Style != Style.Code)
            {
                merged[^1] = span with { Text = merged[^1].Text + span.Text };
            }
            else
            {
                merged.Add(span);
            }
        }
        return merged;
    }
}
