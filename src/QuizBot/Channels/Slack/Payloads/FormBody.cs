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

    // One field's value as UTF-8 bytes, decoded straight from the body's bytes: what Parse(body).Field(name) holds,
    // without the body turned into text, the form into a dictionary and the value back into bytes (an interaction's
    // payload carries the whole clicked message, so each copy of it costs). Null when the field is absent, sent twice,
    // or the body has more fields than a form from Slack.
    public static byte[]? Utf8Field(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name)
    {
        byte[]? found = null;
        var fields = 0;
        var seen = false;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }
            if (++fields > MaxFields)
            {
                return null;
            }
            // A pair without '=' is no field (as the form reader has it).
            var equals = pair.IndexOf((byte)'=');
            if (equals < 0 || !Decode(pair[..equals]).AsSpan().SequenceEqual(name))
            {
                continue;
            }
            found = seen ? null : Decode(pair[(equals + 1)..]);
            seen = true;
        }
        return found;
    }

    // '+' is a space, %XX the byte XX; a '%' not followed by two hex digits stands for itself. Sized exactly first (an
    // interaction's payload is most of its body, mostly escaped), so the value is never copied a second time.
    private static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var length = encoded.Length;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (IsEscape(encoded, i))
            {
                length -= 2;
                i += 2;
            }
        }
        var decoded = new byte[length];
        var at = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (IsEscape(encoded, i))
            {
                b = (byte)(Hex(encoded[i + 1]) << 4 | Hex(encoded[i + 2]));
                i += 2;
            }
            decoded[at++] = b;
        }
        return decoded;
    }

    private static bool IsEscape(ReadOnlySpan<byte> encoded, int i) =>
        encoded[i] == (byte)'%' && i + 2 < encoded.Length && Hex(encoded[i + 1]) >= 0 && Hex(encoded[i + 2]) >= 0;

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    public static string? Field(this IReadOnlyDictionary<string, string?> form, string name) =>
        form.TryGetValue(name, out var value) ? value : null;
}
