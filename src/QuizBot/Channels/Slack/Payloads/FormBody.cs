using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace QuizBot.Channels.Slack;

// application/x-www-form-urlencoded, as Slack sends slash commands and interactions: '+' is a space and %XX a UTF-8 byte.
internal static class FormBody
{
    // Far above the dozen fields Slack sends; a body with more is not from Slack and is not worth a dictionary.
    private const int MaxFields = 64;

    // Null when the body is not a form at all. A field sent twice maps to null: which copy to believe is unknowable.
    public static IReadOnlyDictionary<string, string?>? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new FormReader(Encoding.UTF8.GetString(body)) { ValueCountLimit = MaxFields };
            return reader.ReadForm().ToDictionary(f => f.Key, f => f.Value.Count == 1 ? f.Value[0] : null, StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static string? Field(this IReadOnlyDictionary<string, string?> form, string name) =>
        form.TryGetValue(name, out var value) ? value : null;
}
