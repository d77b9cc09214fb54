using Microsoft.Extensions.Options;
using QuizBot.Quizzes.Rounds;
using QuizBot.Teams;

namespace QuizBot.Scheduling;

internal sealed class SchedulerOptions
{
    // How often the service looks for due slots, closes posts and refreshes answer counts. 0 turns the loop off
    // (tests drive TickAsync themselves).
    public double TickSeconds { get; set; } = 2;

    // Names this process in claims, so logs show which instance posted what.
    public string Instance { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
}

// Posts and closes rounds on its own. Several instances may run this at once: every slot is claimed with a
// conditional write before anything is sent, so exactly one instance posts it.
internal sealed partial class RoundScheduler(
    RoundRunner runner, RoundPoster poster, TimeProvider time, IOptions<SchedulerOptions> options, ILogger<RoundScheduler> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Instance => options.Value.Instance;

    public async Task TickAsync(CancellationToken ct)
    {
        // One tick at a time per instance; other instances are kept apart by the store's claims.
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            foreach (var work in await runner.ClaimDueAsync(now, Instance, ct))
            {
                await poster.DoAsync(work, ct);
            }
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
