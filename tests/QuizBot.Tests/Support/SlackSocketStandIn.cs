using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Support;

// Slack's Socket Mode end on a real local port: the URL apps.connections.open hands out (through SlackStandIn), a
// WebSocket that says hello on connect, and for each connection a SlackSocketPeer through which a test sends envelopes
// in Slack's format and reads the bot's acknowledgements.
public sealed class SlackSocketStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<SlackSocketPeer> _connections = Channel.CreateUnbounded<SlackSocketPeer>();
    private int _tickets;

    public SlackSocketStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/link", AcceptAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var http = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = "ws" + http["http".Length..];
    }

    public string BaseUrl { get; }

    // A fresh URL for one connection, as apps.connections.open gives (Slack's carry a ticket too).
    public string NextUrl() => $"{BaseUrl}/link/?ticket={Interlocked.Increment(ref _tickets)}&app_id={SlackEvents.AppId}";

    // The next connection the bot opened, once it has been said hello to.
    public async Task<SlackSocketPeer> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _connections.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The bot opened no Socket Mode connection.");
        }
    }

    // No further connection within the wait.
    public async Task ExpectNoConnectionAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.False(_connections.Reader.TryRead(out _), "The bot opened another Socket Mode connection.");
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var peer = new SlackSocketPeer(socket, http);
        await peer.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = 1,
            ["debug_info"] = new JsonObject { ["host"] = "applink-standin", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = SlackEvents.AppId },
        });
        _connections.Writer.TryWrite(peer);
        await peer.ReceiveUntilClosedAsync();
        // The bot can read a message and close the connection before the test's send of it has returned: the socket
        // is disposed only once that send is over.
        await peer.SendsDoneAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

// One Socket Mode connection, seen from Slack's side.
public sealed class SlackSocketPeer(WebSocket socket, HttpContext http)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<SocketReceived> _received = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextEnvelope;

    public Task Closed => _closed.Task;

    public async Task SendAsync(JsonObject message) => await SendRawAsync(Encoding.UTF8.GetBytes(message.ToJsonString()));

    // Bytes as they are, split into that many frames of one message.
    public async Task SendRawAsync(byte[] bytes, int frames = 1)
    {
        await _sending.WaitAsync();
        try
        {
            var size = Math.Max(1, (bytes.Length + frames - 1) / frames);
            var offset = 0;
            do
            {
                var count = Math.Min(size, bytes.Length - offset);
                offset += count;
                await socket.SendAsync(bytes.AsMemory(offset - count, count), WebSocketMessageType.Text, offset == bytes.Length, default);
            }
            while (offset < bytes.Length);
        }
        finally
        {
            _sending.Release();
        }
    }

    // An envelope as Slack sends it (docs.slack.dev/apis/events-api/using-socket-mode); returns its envelope_id.
    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, int retryAttempt = 0, string retryReason = "")
    {
        var id = $"{Guid.NewGuid():D}-{Interlocked.Increment(ref _nextEnvelope)}";
        await SendAsync(new JsonObject
        {
            ["envelope_id"] = id,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = type == "slash_commands",
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryReason,
        });
        return id;
    }

    internal async Task SendsDoneAsync()
    {
        await _sending.WaitAsync();
        _sending.Release();
    }

    public Task DisconnectAsync(string reason) =>
        SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-standin" } });

    // The connection cut without a close handshake, as a network failure would.
    public void Abort()
    {
        socket.Abort();
        http.Abort();
    }

    // When the bot acknowledged that envelope, waiting for it if need be.
    public async Task<DateTimeOffset> AckAsync(string envelopeId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_received.FirstOrDefault(r => r.Message?["envelope_id"]?.GetValue<string>() == envelopeId) is { } ack)
                {
                    return ack.At;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The bot did not acknowledge envelope {envelopeId}.");
            }
        }
    }

    public IReadOnlyList<SocketReceived> Received
    {
        get { lock (_lock) { return [.. _received]; } }
    }

    internal async Task ReceiveUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, http.RequestAborted);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var text = Encoding.UTF8.GetString(message.ToArray());
                Record(new SocketReceived(text, ParseObject(text), TimeProvider.System.GetUtcNow()));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void Record(SocketReceived received)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _received.Add(received);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}

// A message the bot sent on the socket: its text, the JSON object it parsed to (null if none), and when it came.
public sealed record SocketReceived(string Text, JsonObject? Message, DateTimeOffset At);
