using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuizBot.Telemetry;

// QuizBot's own traces and metrics, under one name so that one AddSource/AddMeter picks them all up. Static so that
// the engine, the stores and the outbound handlers record without being wired to anything: with no listener (OTLP
// off) an instrument is a flag check and StartActivity returns null.
internal static class QuizBotTelemetry
{
    public const string Name = "QuizBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public const string SelfPaced = "self-paced";
    public const string Round = "round";
    public const string Accepted = "accepted";
    public const string Repeat = "repeat";
    public const string Closed = "closed";
    public const string Rejected = "rejected";

    private static readonly Counter<long> Answers = Meter.CreateCounter<long>("quizbot.answers", "{answer}",
        "Clicks on an answer, by kind (self-paced, round) and outcome (accepted, repeat, closed, rejected).");

    private static readonly Counter<long> Posts = Meter.CreateCounter<long>("quizbot.round.posts", "{post}",
        "Round questions the bot tried to post, by outcome (posted, failed).");

    private static readonly Counter<long> Closes = Meter.CreateCounter<long>("quizbot.round.closes", "{post}",
        "Round questions closed: tallied, folded into the boards and revealed.");

    private static readonly Counter<long> ConnectorRetries = Meter.CreateCounter<long>("quizbot.connector.retries", "{retry}",
        "Bot Connector requests sent again after a retryable answer or a transport failure, by status (0: no answer).");

    private static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>("quizbot.connector.throttled", "{response}",
        "Bot Connector answers 429 (Too Many Requests), retried or not.");

    private static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>("quizbot.store.duration", "ms",
        "Time a store call took, by operation (the port method), failures included.");

    // kind: SelfPaced or Round; outcome: Accepted, Repeat, Closed or Rejected.
    public static void Answered(string kind, string outcome) => Answers.Add(1, new("kind", kind), new("outcome", outcome));

    public static void PostSent() => Posts.Add(1, new KeyValuePair<string, object?>("outcome", "posted"));

    public static void PostFailed() => Posts.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public static void PostClosed() => Closes.Add(1);

    public static void ConnectorRetried(int status) => ConnectorRetries.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void ConnectorThrottledOnce() => ConnectorThrottled.Add(1);

    // A span per store call when tracing is on; no name is even built when it is off.
    public static Activity? StartStoreCall(string operation) =>
        Source.HasListeners() ? Source.StartActivity("store " + operation, ActivityKind.Client) : null;

    public static void StoreCalled(string operation, TimeSpan elapsed) =>
        StoreDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
}
