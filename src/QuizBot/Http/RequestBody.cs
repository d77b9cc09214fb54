using System.Buffers;
using System.IO.Pipelines;

namespace QuizBot.Http;

// A request body read whole into a pooled buffer sized by what arrives, never more than maxBytes + 1. Renting the
// largest allowed size for every request (256 KiB, 1 MiB) would take buffers far above what the pool keeps per core,
// so a burst of small requests allocated and dropped one large-object-heap array each.
internal sealed class RequestBody : IDisposable
{
    // Bodies that say nothing of their length start here and double.
    private const int FirstChunk = 16 * 1024;

    private byte[] _buffer;

    private RequestBody(byte[] buffer) => _buffer = buffer;

    public int Length { get; private set; }

    // The body came to more than maxBytes; only the first maxBytes + 1 were read.
    public bool TooLarge { get; private set; }

    // The body did not arrive within the time it was given; nothing of it is kept.
    public bool Expired { get; private init; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    // The request's body, given `limit` to arrive. Nearly every body has arrived with its headers: that one is taken as
    // it is, with no timer; only a body still on its way gets one (a pair of cancellation sources and a timer per
    // request otherwise, on every bot click).
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, int maxBytes, TimeSpan limit, TimeProvider time, CancellationToken ct)
    {
        if (Arrived(request.BodyReader, maxBytes) is { } arrived)
        {
            return arrived;
        }
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            return await ReadAsync(request.Body, request.ContentLength, maxBytes, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new RequestBody([]) { Expired = true };
        }
    }

    // The whole body if the server already holds all of it (its read is complete), else null with nothing consumed.
    private static RequestBody? Arrived(PipeReader reader, int maxBytes)
    {
        if (!reader.TryRead(out var result))
        {
            return null;
        }
        var buffer = result.Buffer;
        if (!result.IsCompleted || result.IsCanceled)
        {
            reader.AdvanceTo(buffer.Start);
            return null;
        }
        var length = (int)Math.Min(buffer.Length, maxBytes + 1L);
        var body = new RequestBody(ArrayPool<byte>.Shared.Rent(Math.Max(length, 1))) { Length = length, TooLarge = buffer.Length > maxBytes };
        buffer.Slice(0, length).CopyTo(body._buffer);
        reader.AdvanceTo(buffer.End);
        return body;
    }

    public static async Task<RequestBody> ReadAsync(Stream stream, long? declaredLength, int maxBytes, CancellationToken ct)
    {
        var limit = maxBytes + 1;
        var body = new RequestBody(ArrayPool<byte>.Shared.Rent(declaredLength is { } n && n < limit ? (int)n + 1 : Math.Min(limit, FirstChunk)));
        try
        {
            while (true)
            {
                if (body.Length == body._buffer.Length)
                {
                    if (body._buffer.Length >= limit)
                    {
                        body.TooLarge = true;
                        return body;
                    }
                    body.Grow(Math.Min(limit, body._buffer.Length * 2));
                }
                var room = Math.Min(body._buffer.Length, limit) - body.Length;
                var read = await stream.ReadAsync(body._buffer.AsMemory(body.Length, room), ct);
                if (read == 0)
                {
                    return body;
                }
                body.Length += read;
                if (body.Length > maxBytes)
                {
                    body.TooLarge = true;
                    return body;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
