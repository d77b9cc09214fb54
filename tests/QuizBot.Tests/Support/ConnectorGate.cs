using Microsoft.Extensions.DependencyInjection;
using QuizBot.Channels.Teams;

namespace QuizBot.Tests.Support;

// Holds the bot's next outbound connector call once armed, as a slow channel would, until the test releases it.
// Installed in the connector's own HttpClient, below its retries.
public sealed class ConnectorGate
{
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    // A call is being held.
    public Task Held => _held.Task;

    public void Arm()
    {
        _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    public void Release() => _release.TrySetResult();

    public void Install(IServiceCollection services) =>
        services.AddHttpClient(ConnectorClient.HttpClientName).AddHttpMessageHandler(() => new Handler(this));

    private sealed class Handler(ConnectorGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref gate._armed, 0) == 1)
            {
                gate._held.TrySetResult();
                await gate._release.Task.WaitAsync(cancellationToken);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
