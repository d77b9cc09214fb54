using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Channels.Slack;

// Why a connection ended, which decides what comes next: Refresh opens a new one at once, Dropped after a backoff,
// LinkDisabled not at all (the app's Socket Mode was switched off), Stopped because the host is stopping.
internal enum SocketEnd { Dropped, Refresh, LinkDisabled, Stopped }

// One open Socket Mode WebSocket: reads its messages one after another, acknowledges each envelope before anything
// else happens to it (Slack wants the ack within 3 s and resends otherwise), and hands the work to SocketWork.
// Only this loop sends on the socket, so the acks never interleave.
internal sealed partial class SocketConnection(
    WebSocket socket, SocketEnvelopes envelopes, SocketWork work, TimeProvider time, ILogger log)
{
    // Slack says hello as soon as the socket opens; a connection that stays silent is no connection.
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    public async Task<SocketEnd> RunAsync(Action onHello, CancellationToken ct)
    {
        var buffer = new byte[SocketMessageReader.MaxMessageBytes];
        using var helloTimeout = new CancellationTokenSource(HelloTimeout, time);
        using var beforeHello = CancellationTokenSource.CreateLinkedTokenSource(ct, helloTimeout.Token);
        var said = false;
        try
        {
            while (true)
            {
                var read = await SocketMessageReader.ReadAsync(socket, buffer, said ? ct : beforeHello.Token);
                if (read.Kind == SocketReadKind.Closed)
                {
                    LogClosedBySlack(log, socket.CloseStatus, socket.CloseStatusDescription);
                    return SocketEnd.Dropped;
                }
                if (read.Kind == SocketReadKind.TooLarge)
                {
                    LogTooLarge(log, SocketMessageReader.MaxMessageBytes);
                    continue;
                }
                var message = SocketMessage.Parse(buffer.AsMemory(0, read.Length));
                switch (message)
                {
                    case null:
                        LogNotJson(log, read.Length);
                        break;
                    case { Type: SocketMessage.Hello }:
                        said = true;
                        onHello();
                        break;
                    case { Type: SocketMessage.Disconnect }:
                        return Disconnected(message.Reason);
                    case { EnvelopeId: { Length: > 0 } id }:
                        await AcknowledgeAsync(id, ct);
                        if (envelopes.WorkFor(message) is { } next)
                        {
                            await work.StartAsync(next, ct);
                        }
                        break;
                    default:
                        LogNoEnvelopeId(log, message.Type);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return SocketEnd.Stopped;
        }
        catch (OperationCanceledException) when (helloTimeout.IsCancellationRequested)
        {
            LogNoHello(log, HelloTimeout.TotalSeconds);
            return SocketEnd.Dropped;
        }
        catch (WebSocketException) when (ct.IsCancellationRequested)
        {
            return SocketEnd.Stopped;
        }
        catch (WebSocketException e)
        {
            LogDropped(log, e.WebSocketErrorCode, e);
            return SocketEnd.Dropped;
        }
    }

    private Task AcknowledgeAsync(string envelopeId, CancellationToken ct)
    {
        var ack = Encoding.UTF8.GetBytes(new JsonObject { ["envelope_id"] = envelopeId }.ToJsonString());
        return socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, ct);
    }

    private SocketEnd Disconnected(string? reason)
    {
        // warning: this connection closes in about 10 s; refresh_requested: it closes now. Either way a fresh one
        // takes over. link_disabled: Socket Mode was turned off in the app's settings; reconnecting cannot help.
        if (reason == "link_disabled")
        {
            return SocketEnd.LinkDisabled;
        }
        LogRefresh(log, reason);
        return SocketEnd.Refresh;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked to reconnect Socket Mode ({Reason})")]
    private static partial void LogRefresh(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack closed the Socket Mode connection ({Status} {Description})")]
    private static partial void LogClosedBySlack(ILogger logger, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Slack Socket Mode connection dropped ({Error})")]
    private static partial void LogDropped(ILogger logger, WebSocketError error, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack said no hello within {Seconds} s of opening the Socket Mode connection")]
    private static partial void LogNoHello(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Slack Socket Mode message larger than {MaxBytes} bytes")]
    private static partial void LogTooLarge(ILogger logger, int maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Slack Socket Mode message of {Length} bytes that is not a JSON object")]
    private static partial void LogNotJson(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Slack Socket Mode message of type {Type} without an envelope_id")]
    private static partial void LogNoEnvelopeId(ILogger logger, string? type);
}
