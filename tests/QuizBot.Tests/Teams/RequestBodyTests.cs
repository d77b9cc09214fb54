using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using QuizBot.Http;

namespace QuizBot.Tests.Teams;

// Issue 16: bodies are read into buffers sized by what arrives; the cap holds whatever the Content-Length says.
public sealed class RequestBodyTests
{
    // A stream that hands out at most `chunk` bytes per read, as a socket does.
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], ct);
    }

    private static byte[] Bytes(int n) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, n).Select(i => (char)('a' + i % 26))));

    [Theory]
    [InlineData(0, null)]
    [InlineData(1_300, 1_300L)]
    [InlineData(1_300, null)]
    [InlineData(100_000, null)]
    [InlineData(100_000, 10L)] // declared too small: read on, the buffer grows
    [InlineData(262_144, null)] // exactly the cap
    public async Task A_body_within_the_cap_is_read_whole(int size, long? declared)
    {
        var sent = Bytes(size);

        using var body = await RequestBody.ReadAsync(new Trickle(sent, 7_000), declared, 256 * 1024, CancellationToken.None);

        Assert.False(body.TooLarge);
        Assert.Equal(sent, body.Span.ToArray());
    }

    [Theory]
    [InlineData(262_145, null)]
    [InlineData(400_000, 1_000L)] // a Content-Length that lies does not lift the cap
    public async Task A_body_over_the_cap_is_refused_after_reading_at_most_one_byte_past_it(int size, long? declared)
    {
        var stream = new Trickle(Bytes(size), 50_000);

        using var body = await RequestBody.ReadAsync(stream, declared, 256 * 1024, CancellationToken.None);

        Assert.True(body.TooLarge);
        Assert.True(stream.Position <= 256 * 1024 + 1, $"read {stream.Position} bytes");
    }

    // A request whose body the server already holds whole (as Kestrel does for nearly every bot request).
    private static HttpRequest Arrived(byte[] bytes)
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IRequestBodyPipeFeature>(new Held(PipeReader.Create(new ReadOnlySequence<byte>(bytes))));
        return http.Request;
    }

    private sealed record Held(PipeReader Reader) : IRequestBodyPipeFeature;

    [Theory]
    [InlineData(0)]
    [InlineData(1_300)]
    [InlineData(262_144)]
    public async Task A_body_that_has_arrived_is_taken_whole_with_the_same_cap(int size)
    {
        var sent = Bytes(size);

        using var body = await RequestBody.ReadAsync(Arrived(sent), 256 * 1024, TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);

        Assert.False(body.TooLarge);
        Assert.False(body.Expired);
        Assert.Equal(sent, body.Span.ToArray());
    }

    [Fact]
    public async Task A_body_over_the_cap_that_has_arrived_is_refused()
    {
        using var body = await RequestBody.ReadAsync(Arrived(Bytes(262_145)), 256 * 1024, TimeSpan.FromSeconds(10), TimeProvider.System,
            CancellationToken.None);

        Assert.True(body.TooLarge);
    }
}
