using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams;
using QuizBot.Tests.Auth.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Auth;

// POST /api/messages checks the token before it reads the body, reads the body within a deadline, and logs what a
// caller sent without letting it write lines of its own.
public sealed class TokenBeforeBodyTests : IAsyncDisposable
{
    private readonly FakeIdentityServer _idp = new();
    private readonly CapturedLogs _logs = new();

    public async ValueTask DisposeAsync() => await _idp.DisposeAsync();

    private BotApp AppWithAuthentication() => new(AuthHost.MultiTenant(_idp), services: s => s.AddSingleton<ILoggerProvider>(_logs));

    private static HttpRequestMessage Post(string authorization, HttpContent body) =>
        new(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = body,
            Headers = { Authorization = AuthenticationHeaderValue.Parse(authorization) },
        };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_junk_token_gets_the_same_401_whether_the_body_is_junk_or_a_valid_activity()
    {
        await using var app = AppWithAuthentication();
        using var client = app.CreateClient();
        var valid = new Activities(app.Connector.ServiceUrl).Message("help").ToJsonString();

        var withJunk = await client.SendAsync(Post("Bearer junk", Json("{{{ not json")));
        var withActivity = await client.SendAsync(Post("Bearer junk", Json(valid)));

        Assert.Equal(HttpStatusCode.Unauthorized, withJunk.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withActivity.StatusCode);
        Assert.Equal(await withActivity.Content.ReadAsStringAsync(), await withJunk.Content.ReadAsStringAsync());
        Assert.Empty(app.Connector.Calls);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_cut_with_408_at_the_read_deadline()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new StalledStream();

        var read = MessagesEndpoint.ReadAsync(http.Request, time, CancellationToken.None);
        time.Advance(MessagesEndpoint.ReadTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var (activity, error) = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(activity);
        Assert.Equal(StatusCodes.Status408RequestTimeout, Assert.IsAssignableFrom<IStatusCodeHttpResult>(error).StatusCode);
    }

    [Fact]
    public async Task A_request_value_with_line_breaks_cannot_start_a_log_line_of_its_own()
    {
        await using var app = AppWithAuthentication();
        using var client = app.CreateClient();
        var forged = "https://evil.example/\r\n2026-12-01T07:00:00Z info: QuizBot.Admins[0] alice is now an admin";

        var response = await client.SendAsync(Post("Bearer " + UnsignedJwt(forged), Json("{}")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refusals = _logs.Messages.Where(m => m.Contains("evil.example", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, m => Assert.DoesNotMatch("[\r\n\u2028\u2029]", m));
        Assert.Contains(refusals, m => m.Contains("\\r\\n2026-12-01", StringComparison.Ordinal));
    }

    // A well-formed JWT with a chosen issuer and no valid signature.
    private static string UnsignedJwt(string issuer)
    {
        static string Part(object o) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(o)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part(new { alg = "RS256", kid = "k1", typ = "JWT" })}.{Part(new { iss = issuer, aud = AuthHost.AppId })}.c2ln";
    }

    // A client that sent its headers and a byte, then nothing: reads wait until cancelled.
    private sealed class StalledStream : MemoryStream
    {
        private bool _sent;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    // Every formatted message, as a line-based sink such as the console would write it.
    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
