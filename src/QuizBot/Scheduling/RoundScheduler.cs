using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuizBot.Chat;

namespace QuizBot.Scheduling;

internal sealed class SchedulerOptions
{
    // How often the service looks for due slots, closes posts and refreshes answer counts. 0 turns the loop off
    // (tests drive TickAsync themselves).
    public double TickSeconds { get; set; } = 2;
}

// Posts and closes rounds on its own. Several instances may run this at once: every slot is claimed with a
// conditional write before anything is sent, so exactly one instance posts it.
internal sealed partial class RoundScheduler(RoundPublisher publisher, TimeProvider time, IOptions<SchedulerOptions> options, ILogger<RoundScheduler> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task TickAsync(CancellationToken ct)
    {
        // One tick at a time per instance; other instances are kept apart by the store's claims.
        await _gate.WaitAsync(ct);
        try
        {
            await publisher.TickAsync(ct);
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
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A bad tick (store or network trouble) must not stop the schedule: the next tick retries. A timeout
                // surfaces as a cancellation too, so only the host stopping ends the loop.
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

internal sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions o) =>
        o.TickSeconds >= 0 && double.IsFinite(o.TickSeconds)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("QuizBot:Scheduler:TickSeconds must be 0 (off) or a positive number of seconds.");
}

internal static class SchedulingSetup
{
    public static IServiceCollection AddRoundScheduler(this IServiceCollection services)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration("QuizBot:Scheduler").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.AddSingleton<RoundScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RoundScheduler>());
        return services;
    }
}
