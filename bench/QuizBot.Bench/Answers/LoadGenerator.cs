using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace QuizBot.Bench.Answers;

// A closed-loop generator: `connections` workers, each with its own keep-alive connection, send one request, wait for
// the answer, send the next. Every request is a new user (the burst after a daily post), numbered from a shared counter.
// `sign` adds headers computed from the body (Slack's signature), before the request's clock starts, like the body.
internal sealed class LoadGenerator(Uri target, int connections, Func<int, byte[]> body, Func<ReadOnlyMemory<byte>, bool> isGood,
    string contentType = "application/json", Action<HttpRequestMessage, byte[]>? sign = null)
{
    private readonly MediaTypeHeaderValue _contentType = MediaTypeHeaderValue.Parse(contentType);
    private int _nextUser;

    // Users numbered from `firstUser` on; the run ends at the deadline or after `maxRequests`, whichever is first.
    public async Task<LoadResult> RunAsync(int firstUser, TimeSpan duration, int maxRequests, CancellationToken ct)
    {
        _nextUser = firstUser - 1;
        var last = firstUser - 1 + maxRequests;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkAsync(http, deadline, last, ct), ct)).ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new LoadResult(elapsed, latencies, results.Sum(r => r.Errors), [.. results.SelectMany(r => r.GoodUsers)], results.Select(r => r.FirstError).FirstOrDefault(e => e is not null))
        {
            Started = started,
        };
    }

    private async Task<WorkerResult> WorkAsync(HttpClient http, long deadline, int last, CancellationToken ct)
    {
        var result = new WorkerResult();
        var buffer = new MemoryStream();
        while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
        {
            var user = Interlocked.Increment(ref _nextUser);
            if (user > last)
            {
                break;
            }
            var bytes = body(user);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = _contentType;
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
            sign?.Invoke(request, bytes);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                buffer.SetLength(0);
                await (await response.Content.ReadAsStreamAsync(ct)).CopyToAsync(buffer, ct);
                result.Latencies.Add(Stopwatch.GetTimestamp() - sent);
                if (response.StatusCode == HttpStatusCode.OK && isGood(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)))
                {
                    result.GoodUsers.Add(user);
                }
                else
                {
                    result.Errors++;
                    result.FirstError ??= $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 300))}";
                }
            }
            catch (HttpRequestException e)
            {
                result.Latencies.Add(Stopwatch.GetTimestamp() - sent);
                result.Errors++;
                result.FirstError ??= e.Message;
            }
        }
        return result;
    }

    private sealed class WorkerResult
    {
        public List<long> Latencies { get; } = new(4096);
        public List<int> GoodUsers { get; } = new(4096);
        public int Errors { get; set; }
        public string? FirstError { get; set; }
    }
}

// Latencies are Stopwatch ticks, sorted.
internal sealed record LoadResult(TimeSpan Elapsed, long[] Latencies, int Errors, IReadOnlyList<int> GoodUsers, string? FirstError)
{
    // Stopwatch timestamp of the start: a monotonic clock shared by every process on the machine.
    public long Started { get; init; }

    public long Ended => Started + (long)(Elapsed.TotalSeconds * Stopwatch.Frequency);

    public int Requests => Latencies.Length;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public double PercentileMs(double p)
    {
        if (Latencies.Length == 0)
        {
            return 0;
        }
        var index = (int)Math.Ceiling(p / 100 * Latencies.Length) - 1;
        return Latencies[Math.Clamp(index, 0, Latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
