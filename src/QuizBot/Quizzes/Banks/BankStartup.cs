using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace QuizBot.Quizzes.Banks;

// Seeds the store from the banks folder and loads the catalog before anything serves requests (hosted services start
// in order, after the store's own start-up), then keeps loading the versions other instances import.
internal sealed partial class BankStartup(BankLibrary library, IOptions<QuizBotOptions> options, TimeProvider time, ILogger<BankStartup> log)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _refresh = Task.CompletedTask;
    private bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await library.SeedAsync(options.Value.BanksPath, cancellationToken);
        await library.LoadAsync(cancellationToken);
        _refresh = RefreshAsync(TimeSpan.FromSeconds(options.Value.BankRefreshSeconds), _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_disposed)
        {
            await _stopping.CancelAsync();
        }
        await _refresh.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RefreshAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await library.LoadAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(log, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading new bank versions from the store failed; the next refresh tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception e);
}

// Readiness stays ready with a broken bank file (the service runs on the last good version) but says which.
internal sealed class BankSeedHealthCheck(BankLibrary library) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(library.SeedProblems is { Count: > 0 } problems
            ? HealthCheckResult.Degraded(string.Join(" ", problems))
            : HealthCheckResult.Healthy());
}
