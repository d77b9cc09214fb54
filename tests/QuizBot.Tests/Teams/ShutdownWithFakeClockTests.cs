using Microsoft.Extensions.Time.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

// A test that ends while a reply is still retrying on the fake clock must not hang the suite: the host's resilience
// pipelines wait for in-flight executions on the service's TimeProvider when they are disposed.
public sealed class ShutdownWithFakeClockTests
{
    [Fact]
    public async Task The_service_stops_while_a_reply_waits_for_its_retry_on_a_fake_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var app = new BotApp(time: time);
        var ada = new Activities(app.Connector.ServiceUrl);
        app.Connector.Failures.Enqueue(503);
        app.Connector.Failures.Enqueue(503);
        var request = app.PostAsync(ada.Message("help"));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (app.Connector.Failures.Count > 1 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        // The reply now sleeps in its retry's backoff, on the fake clock.
        var disposed = Task.Run(async () => await app.DisposeAsync()); // the host's Dispose blocks its caller
        Assert.Same(disposed, await Task.WhenAny(disposed, Task.Delay(TimeSpan.FromSeconds(60))));
        await disposed;
        _ = request.ContinueWith(t => t.Exception, TaskScheduler.Default);
    }
}
