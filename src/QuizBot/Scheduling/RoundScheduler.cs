using Microsoft.Extensions.Options;
using QuizBot.Quizzes.Rounds;
using QuizBot.Channels.Teams;

namespace QuizBot.Scheduling;

internal sealed class SchedulerOptions
{
    // How often the service looks for due slots, closes posts and refreshes answer counts. 0 turns the loop off
    // (tests drive TickAsync themselves).
    public double TickSeconds { get; set; } = 2;

    // Names this process in claims, so logs show which instance posted what.
    public string Instance { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}

// Posts and closes rounds on its own. Several instances may run this at once: every slot is claimed with a
// conditional write before anything is sent, so exactly one instance posts it.
internal sealed partial class RoundScheduler(
    RoundRunner runner, RoundPoster poster, TimeProvider time, IOptions<SchedulerOptions> options, ILogger<RoundScheduler> log)
    : BackgroundService
{
    private const int PostsInFlight = 32;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Instance => options.Value.Instance;

    public async Task TickAsync(CancellationToken ct)
    {
        // One tick at a time per instance; other instances are kept apart by the store's claims.
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            // Many conversations can be due at the same minute: post them side by side (a real connector answers in
            // ~100 ms, so one at a time would cap a tick at ~10 posts/s); the connector's rate limiter keeps every
            // conversation and tenant within Teams' limits.
            var due = await runner.ClaimDueAsync(now, Instance, ct);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = PostsInFlight, CancellationToken = ct },
                async (work, token) => await poster.DoAsync(work, token));
            await poster.CloseDueAsync(now, ct);
            await poster.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TickSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), time);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bad tick (store or network trouble) must not stop the schedule: the next tick retries.
                LogTickFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler tick failed; retrying at the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception e);
}
