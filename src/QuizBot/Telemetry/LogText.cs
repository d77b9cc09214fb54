using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace QuizBot.Telemetry;

// Request values on their way into a log. A console line ends at a line break, so a channelId or token claim holding
// "\r\n" would otherwise write a line of its own choosing; control and line-separator characters are escaped, and
// a value is cut short so one request cannot fill the log.
internal static class LogText
{
    public const int MaxLength = 512;

    [return: NotNullIfNotNull(nameof(value))]
    public static string? Safe(string? value)
    {
        if (value is null || (value.Length <= MaxLength && !value.Any(NeedsEscape)))
        {
            return value;
        }
        var output = new StringBuilder(Math.Min(value.Length, MaxLength) + 16);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLength)))
        {
            _ = c switch
            {
                '\r' => output.Append("\\r"),
                '\n' => output.Append("\\n"),
                '\t' => output.Append("\\t"),
                _ when NeedsEscape(c) => output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => output.Append(c),
            };
        }
        if (value.Length > MaxLength)
        {
            output.Append(CultureInfo.InvariantCulture, $"… ({value.Length - MaxLength} more characters)");
        }
        return output.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
