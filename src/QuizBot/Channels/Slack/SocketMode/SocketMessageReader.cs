using System.Net.WebSockets;

namespace QuizBot.Channels.Slack;

internal enum SocketReadKind { Message, TooLarge, Closed }

internal readonly record struct SocketRead(SocketReadKind Kind, int Length);

// Reads one whole message, which may come in several frames, into a buffer of MaxMessageBytes. A larger message is
// read to its end and dropped, so the next one still starts where it should.
internal static class SocketMessageReader
{
    // An interactive payload carries the whole clicked message or Home view: the same cap as an HTTP interaction body.
    public const int MaxMessageBytes = SlackRequestReader.MaxInteractionBytes;

    public static async Task<SocketRead> ReadAsync(WebSocket socket, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        var tooLarge = false;
        while (true)
        {
            // Once over the cap, the rest is read over the buffer's start and forgotten.
            var into = tooLarge ? buffer.AsMemory() : buffer.AsMemory(length);
            var result = await socket.ReceiveAsync(into, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new SocketRead(SocketReadKind.Closed, 0);
            }
            if (!tooLarge)
            {
                length += result.Count;
                tooLarge = length == buffer.Length && !result.EndOfMessage;
            }
            if (result.EndOfMessage)
            {
                return tooLarge ? new SocketRead(SocketReadKind.TooLarge, 0) : new SocketRead(SocketReadKind.Message, length);
            }
        }
    }
}
