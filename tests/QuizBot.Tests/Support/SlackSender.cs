using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// Builds requests as Slack sends them to an app: the exact body bytes, Content-Type, X-Slack-Request-Timestamp and
// X-Slack-Signature (computed here with HMACSHA256 directly, not with the code under test), and on redeliveries
// X-Slack-Retry-Num / X-Slack-Retry-Reason. Post the result with any HttpClient.
public sealed class SlackSender(string signingSecret, TimeProvider? time = null)
{
    public const string DefaultSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Events API: the envelope as JSON (application/json).
    public HttpRequestMessage Event(string path, JsonObject envelope, SlackRedelivery? retry = null) =>
        SignedRequest(path, Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", retry);

    // Interactivity: the payload JSON in one form field, "payload=<url-encoded JSON>".
    public HttpRequestMessage Interaction(string path, JsonObject payload, SlackRedelivery? retry = null) =>
        SignedRequest(path, SlackForm.Encode([new("payload", payload.ToJsonString())]), SlackForm.ContentType, retry);

    // Slash commands: one form field per value.
    public HttpRequestMessage Command(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        SignedRequest(path, SlackForm.Encode(fields), SlackForm.ContentType, null);

    // Any body, signed as sent at `timestamp` (default: now on the sender's clock).
    public HttpRequestMessage SignedRequest(string path, byte[] body, string contentType, SlackRedelivery? retry, long? timestamp = null)
    {
        var ts = (timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.RelativeOrAbsolute))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", Signature(signingSecret, ts, body));
        if (retry is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.Num.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", retry.Reason);
        }
        return request;
    }

    public static string Signature(string secret, string timestamp, byte[] body)
    {
        var basestring = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basestring));
    }
}

// Slack redelivers an event it got no 2xx for within 3 s up to three times, numbering the retries from 1.
public sealed record SlackRedelivery(int Num, string Reason = "http_timeout");
