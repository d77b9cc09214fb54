namespace QuizBot.Channels.Slack;

// The work of acknowledged envelopes, run beside the read loop so that the next envelope is read and acknowledged at
// once. At most Capacity pieces run together: a bot that falls that far behind stops reading (what it has read is
// already acknowledged) rather than queueing without bound; Slack holds or resends what it could not deliver.
// Every piece is tracked so that shutdown waits for it, as it waits for the HTTP endpoints' work.
internal sealed partial class SocketWork(ILogger log, int capacity = SocketWork.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 32;

    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private readonly HashSet<Task> _running = [];
    private readonly Lock _lock = new();

    // Cancelled only when shutdown has waited as long as the host allows: the work is then told to give up.
    private readonly CancellationTokenSource _abandon = new();

    // Waits for a free place (ct ends the wait), then starts the work and returns without waiting for it.
    public async Task StartAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var started = Task.Run(() => RunAsync(work), CancellationToken.None);
        lock (_lock)
        {
            if (!started.IsCompleted)
            {
                _running.Add(started);
            }
        }
        _ = started.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // Everything started so far, finished.
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll([.. _running]);
        }
    }

    public void Abandon() => _abandon.Cancel();

    public void Dispose()
    {
        _slots.Dispose();
        _abandon.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await work(_abandon.Token);
        }
        catch (Exception e)
        {
            // Slack already has its acknowledgement: a failure can only be logged (the person sees nothing, as with
            // any lost message), and must not end the connection.
            LogWorkFailed(log, e);
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Forget(Task done)
    {
        lock (_lock)
        {
            _running.Remove(done);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed after its Socket Mode envelope was acknowledged")]
    private static partial void LogWorkFailed(ILogger logger, Exception e);
}
