using System.Text;

namespace QuizBot.Quizzes.Banks;

// What the text formats share: strict UTF-8 decoding that says where a file is not UTF-8, and line breaks.
internal static class BankText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The file's text without its byte order mark. Text in a legacy code page (a spreadsheet's "CSV" rather than "CSV
    // UTF-8") would otherwise turn accents into replacement characters without anyone noticing.
    public static string Decode(byte[] content, string source)
    {
        var start = content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return Strict.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            var line = 1 + content.AsSpan(0, Math.Min(at, content.Length)).Count((byte)'\n');
            throw BankFormatException.AtLine(source, line, "the file is not UTF-8 text; save it again as UTF-8 (in a spreadsheet: \"CSV UTF-8\")");
        }
    }

    // Trimmed, every line break ("\r\n", "\r") a "\n": what every format reads a text as, so that a round trip through
    // any of them gives the same question.
    public static string Clean(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim() : text.Trim();

    // The lines of a text, counted from 1 by their index + 1, without their line breaks.
    public static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
}
