namespace QuizBot.Channels.Slack;

// Slack wants its HTTP answer within 3 s; the work behind a request (store, several Web API calls) runs after it.
// Failures are logged (the person sees nothing, as with any lost message); shutdown waits for what is running.
internal sealed partial class SlackBackground(ILogger<SlackBackground> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _running);
        _ = Task.Run(async () =>
        {
            try
            {
                await work(Volatile.Read(ref _disposed) == 0 ? _stopping.Token : new CancellationToken(canceled: true));
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogFailed(log, what, e);
            }
            finally
            {
                if (Interlocked.Decrement(ref _running) == 0 && _stopping.IsCancellationRequested)
                {
                    _idle.TrySetResult();
                }
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop after the container disposed this (test hosts do): nothing is left to wait for then.
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        await _stopping.CancelAsync();
        if (Volatile.Read(ref _running) > 0)
        {
            await _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed after its request was answered: {What}")]
    private static partial void LogFailed(ILogger logger, string what, Exception e);
}
