using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class SlackRequestReaderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SlackRequestReader _reader;

    public SlackRequestReaderTests()
    {
        var options = Options.Create(new SlackOptions { SigningSecret = SlackSender.DefaultSecret, BotToken = "xoxb-1111-2222-test" });
        _reader = new SlackRequestReader(new SlackSignature(options, _time), _time, NullLogger<SlackRequestReader>.Instance);
    }

    private DefaultHttpContext Request(byte[] body, Stream? stream = null, string? secret = null, long? timestamp = null, bool declareLength = true)
    {
        var ts = (timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.Body = stream ?? new MemoryStream(body);
        http.Request.ContentLength = declareLength ? body.Length : null;
        http.Request.Headers["X-Slack-Request-Timestamp"] = ts;
        http.Request.Headers["X-Slack-Signature"] = SlackSender.Signature(secret ?? SlackSender.DefaultSecret, ts, body);
        return http;
    }

    private static int Status(SlackReadResult result) => ((IStatusCodeHttpResult)result.Failure!).StatusCode!.Value;

    [Fact]
    public async Task A_signed_body_comes_back_byte_for_byte_with_the_retry_headers()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"event_callback","event_id":"Ev1"}""");
        var http = Request(body);
        http.Request.Headers["X-Slack-Retry-Num"] = "2";
        http.Request.Headers["X-Slack-Retry-Reason"] = "http_timeout";

        var read = await _reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.NotNull(read.Request);
        Assert.Equal(body, read.Request.Body);
        Assert.Equal(2, read.Request.RetryNum);
        Assert.Equal("http_timeout", read.Request.RetryReason);
        Assert.True(read.Request.IsRetry);
        Assert.Equal("application/json", read.Request.ContentType);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_401_before_its_body_is_read()
    {
        var http = Request([], stream: new UnreadableStream());
        http.Request.Headers.Remove("X-Slack-Signature");

        var read = await _reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.Null(read.Request);
        Assert.IsType<UnauthorizedHttpResult>(read.Failure);
        Assert.Contains("missing", read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_is_refused_with_401()
    {
        var http = Request("{}"u8.ToArray(), secret: "another-apps-secret");

        var read = await _reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.Equal(401, Status(read));
    }

    [Fact]
    public async Task A_request_replayed_six_minutes_later_is_refused_with_401()
    {
        var http = Request("{}"u8.ToArray(), timestamp: _time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds());

        var read = await _reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.Equal(401, Status(read));
        Assert.Contains("300 s", read.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_cap_is_refused_with_413_whether_or_not_its_length_was_declared(bool declared)
    {
        var body = new byte[SlackRequestReader.MaxEventBytes + 1];

        var read = await _reader.ReadAsync(Request(body, declareLength: declared).Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.Equal(413, Status(read));
    }

    [Fact]
    public async Task A_body_exactly_at_the_cap_is_read()
    {
        var body = new byte[SlackRequestReader.MaxEventBytes];

        var read = await _reader.ReadAsync(Request(body).Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);

        Assert.Equal(body.Length, read.Request!.Body.Length);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_refused_with_408_after_the_read_timeout()
    {
        var http = Request("{}"u8.ToArray(), stream: new StalledStream());

        var read = _reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, CancellationToken.None);
        _time.Advance(SlackRequestReader.ReadTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(408, Status(await read.WaitAsync(TimeSpan.FromSeconds(10))));
    }

    // Fails the test if anyone reads it.
    private sealed class UnreadableStream : MemoryStream
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The body was read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read.");
    }

    // A client that sent its headers and then nothing: reads wait until cancelled.
    private sealed class StalledStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
