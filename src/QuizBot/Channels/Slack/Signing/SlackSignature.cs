using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Slack's request signing: X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)).
// The timestamp is part of what is signed, so checking its age is what stops a captured request being replayed later;
// the comparison is constant-time so the answer's timing says nothing about how much of a guess was right.
internal sealed class SlackSignature(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    // Slack's own advice; applied both ways, as a clock ahead of ours is no more trustworthy than one behind.
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string Prefix = "v0=";
    private const int MacBytes = 32;

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        Verify(options.Value.SigningSecret, timestamp, signature, body, time.GetUtcNow());

    // The header checks alone, for refusing a request before its body is read.
    public SignatureCheck CheckHeaders(string? timestamp, string? signature) =>
        CheckHeaders(options.Value.SigningSecret, timestamp, signature, time.GetUtcNow());

    public static SignatureCheck Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var headers = CheckHeaders(secret, timestamp, signature, now);
        if (!headers.IsValid)
        {
            return headers;
        }
        Span<byte> expected = stackalloc byte[MacBytes];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), expected, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != MacBytes)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, "the signature is not v0= followed by 64 hex digits");
        }
        Span<byte> actual = stackalloc byte[MacBytes];
        using (var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret!)))
        {
            hmac.AppendData("v0:"u8);
            hmac.AppendData(Encoding.ASCII.GetBytes(timestamp!));
            hmac.AppendData(":"u8);
            hmac.AppendData(body);
            hmac.GetHashAndReset(actual);
        }
        return CryptographicOperations.FixedTimeEquals(actual, expected)
            ? SignatureCheck.Valid
            : SignatureCheck.Fail(SignatureFailure.BadSignature, "the signature does not match the body");
    }

    private static SignatureCheck CheckHeaders(string? secret, string? timestamp, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.Fail(SignatureFailure.NotConfigured, "no signing secret is configured");
        }
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Fail(SignatureFailure.MissingHeaders, $"{TimestampHeader} or {SignatureHeader} is missing");
        }
        // Digits only: the text is hashed as sent, so " 123" or "+123" must not pass as 123.
        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, $"{TimestampHeader} is not a number of seconds");
        }
        var nowSeconds = now.ToUnixTimeSeconds();
        var skew = (long)MaxSkew.TotalSeconds;
        if (seconds < nowSeconds - skew || seconds > nowSeconds + skew)
        {
            return SignatureCheck.Fail(SignatureFailure.Stale, $"the timestamp is more than {skew} s from now");
        }
        if (signature.Length != Prefix.Length + 2 * MacBytes || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, "the signature is not v0= followed by 64 hex digits");
        }
        return SignatureCheck.Valid;
    }
}
