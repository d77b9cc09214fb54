using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace QuizBot.Bench.Answers;

// A closed-loop generator: `connections` workers, each with its own keep-alive connection, send one request, wait for
// the answer, send the next. Every request is a new user (the burst after a daily post), numbered from a shared counter.
// `sign` adds headers computed from the body (Slack's signature), before the request's clock starts, like the body.
internal sealed class LoadGenerator(int connections, Func<int, byte[]> body, Func<ReadOnlyMemory<byte>, bool> isGood,
    string contentType = "application/json", Action<HttpRequestMessage, byte[]>? sign = null)
{
    private readonly MediaTypeHeaderValue _contentType = MediaTypeHeaderValue.Parse(contentType);
    private int _nextUser;

    // The phases one after another on the same keep-alive connections (both paths are on one server), so that a phase
    // never pays for connecting; users numbered from `firstUser` on across all of them. One result per phase.
    public async Task<LoadResult[]> RunAsync(int firstUser, IReadOnlyList<LoadPhase> phases, CancellationToken ct)
    {
        _nextUser = firstUser - 1;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var results = new LoadResult[phases.Count];
        for (var i = 0; i < phases.Count; i++)
        {
            results[i] = await RunPhaseAsync(http, phases[i], ct);
        }
        return results;
    }

    // A phase ends at its duration or after its MaxRequests, whichever is first.
    private async Task<LoadResult> RunPhaseAsync(HttpClient http, LoadPhase phase, CancellationToken ct)
    {
        var last = _nextUser + phase.MaxRequests;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(phase.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkAsync(http, phase.Target, deadline, last, ct), ct)).ToArray();
        var results = await Task.WhenAll(workers);
        var ended = Stopwatch.GetTimestamp();
        // Users handed out past `last` were never sent: the next phase goes on from the last one sent.
        _nextUser = Math.Min(_nextUser, last);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new LoadResult(Stopwatch.GetElapsedTime(started, ended), latencies, results.Sum(r => r.Errors), [.. results.SelectMany(r => r.GoodUsers)],
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null), [(started, ended)]);
    }

    private async Task<WorkerResult> WorkAsync(HttpClient http, Uri target, long deadline, int last, CancellationToken ct)
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

// Latencies are Stopwatch ticks, sorted. Windows: the Stopwatch timestamps each phase in it started and ended (a monotonic
// clock shared by every process on the machine), one per phase.
internal sealed record LoadResult(TimeSpan Elapsed, long[] Latencies, int Errors, IReadOnlyList<int> GoodUsers, string? FirstError,
    IReadOnlyList<(long Started, long Ended)> Windows)
{
    public int Requests => Latencies.Length;

    public double PerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    public double PercentileMs(double p)
    {
        if (Latencies.Length == 0)
        {
            return 0;
        }
        var index = (int)Math.Ceiling(p / 100 * Latencies.Length) - 1;
        return Latencies[Math.Clamp(index, 0, Latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    // Several phases on the same path as one: their time, requests and latencies together.
    public static LoadResult Merge(IReadOnlyList<LoadResult> parts) => new(
        TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)),
        [.. parts.SelectMany(p => p.Latencies).Order()],
        parts.Sum(p => p.Errors),
        [.. parts.SelectMany(p => p.GoodUsers)],
        parts.Select(p => p.FirstError).FirstOrDefault(e => e is not null),
        [.. parts.SelectMany(p => p.Windows)]);
}
