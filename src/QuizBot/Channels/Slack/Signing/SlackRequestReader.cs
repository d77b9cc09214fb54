using System.Globalization;
using Microsoft.Extensions.Primitives;
using QuizBot.Http;

namespace QuizBot.Channels.Slack;

// Reads a Slack request's raw body, capped and within a time limit, and checks its signature before anything parses
// it: the parsers only ever see bytes that Slack signed in the last five minutes.
internal sealed partial class SlackRequestReader(SlackSignature signature, TimeProvider time, ILogger<SlackRequestReader> log)
{
    // Events and slash commands are a few KiB; a message event carries at most 40,000 characters of text.
    public const int MaxEventBytes = 64 * 1024;

    // A block_actions payload carries the whole clicked message (up to 50 blocks of 3,000 characters) or the whole Home
    // view (up to 250 KB), and form-encoding can triple the size of JSON punctuation.
    public const int MaxInteractionBytes = 1024 * 1024;

    // Slack gives up after 3 s; a body still arriving long after that is no request from Slack.
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    public async Task<SlackReadResult> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var timestamp = Single(request.Headers[SlackSignature.TimestampHeader]);
        var mac = Single(request.Headers[SlackSignature.SignatureHeader]);
        // Refused before the body is read: an unsigned or replayed request costs no more than its headers.
        var headers = signature.CheckHeaders(timestamp, mac);
        if (!headers.IsValid)
        {
            return Refuse(TypedResults.Unauthorized(), headers.Reason!);
        }
        if (request.ContentLength > maxBytes)
        {
            return Refuse(TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge), $"the body is declared larger than {maxBytes} bytes");
        }
        using var read = await RequestBody.ReadAsync(request, maxBytes, ReadTimeout, time, ct);
        if (read.Expired)
        {
            return Refuse(TypedResults.StatusCode(StatusCodes.Status408RequestTimeout), $"the body took longer than {ReadTimeout.TotalSeconds:0} s to arrive");
        }
        if (read.TooLarge)
        {
            return Refuse(TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge), $"the body is larger than {maxBytes} bytes");
        }
        var body = read.Span;
        var check = signature.Verify(timestamp, mac, body);
        if (!check.IsValid)
        {
            return Refuse(TypedResults.Unauthorized(), check.Reason!);
        }
        return new SlackReadResult(new SlackInbound(body.ToArray(), request.ContentType, RetryNum(request), Single(request.Headers[SlackInbound.RetryReasonHeader])), null, null);
    }

    private SlackReadResult Refuse(IResult answer, string reason)
    {
        LogRefused(log, reason);
        return SlackReadResult.Refuse(answer, reason);
    }

    // A header sent twice is ambiguous about which value was signed: treat it as absent.
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static int RetryNum(HttpRequest request) =>
        int.TryParse(Single(request.Headers[SlackInbound.RetryNumHeader]), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
