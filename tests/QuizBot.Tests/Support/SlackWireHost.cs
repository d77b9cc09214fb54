using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Support;

// The Slack wire layer built as the service builds it (AddSlackWire), pointed at a SlackStandIn, on a given clock.
internal sealed class SlackWireHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDir _dir = new();
    private readonly QuizBot.Storage.SqliteQuizStore _store;

    // Calls still running at disposal are cancelled and awaited first: Polly waits for running executions when its
    // pipeline is disposed, polling on the injected clock, and a fake clock would make that wait forever.
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly TimeProvider _time;
    private int _inFlight;

    public SlackWireHost(SlackStandIn standIn, TimeProvider? time = null, string? token = null, Action<SlackResilienceOptions>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSender.DefaultSecret,
            ["Slack:BotToken"] = token ?? SlackStandIn.DefaultToken,
            ["Slack:ApiBaseUrl"] = standIn.ApiBaseUrl,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _time = time ?? TimeProvider.System;
        services.AddSingleton(_time);
        // A long attempt timeout by default: a fake clock moves while a real request is in flight.
        services.AddSlackWire(configure ?? (o => o.AttemptTimeout = TimeSpan.FromHours(1)));
        // Where workspace tokens would come from: no workspace installed by OAuth here, so the configured token speaks.
        _store = new QuizBot.Storage.SqliteQuizStore(_dir.File("quizbot.db"));
        services.AddSingleton<QuizBot.Storage.IInstallStore>(_store);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddHttpClient(SlackWebApi.HttpClientName).AddHttpMessageHandler(() => new InFlightHandler(this));
        _services = services.BuildServiceProvider();
    }

    public SlackWebApi Api => _services.GetRequiredService<SlackWebApi>();

    public SlackRateLimiter Limiter => _services.GetRequiredService<SlackRateLimiter>();

    public CancellationToken Stop => _stop.Token;

    // Starts a call with the host's token and keeps it, so disposal can wait for it.
    public Task<T> Run<T>(Func<SlackWebApi, CancellationToken, Task<T>> call)
    {
        var task = call(Api, _stop.Token);
        lock (_running)
        {
            _running.Add(task);
        }
        return task;
    }

    // Moves the fake clock in small steps until `done`, but only while no request is on the wire: the network takes no
    // fake time, so each call reaches the stand-in at the fake moment it left. After each exchange the clock stands
    // still a little longer in real time, so the answer reaches the client and its next timer (a retry, a rate-limit
    // wait) is set before time moves on; otherwise a wait would look shorter than it was.
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var time = (FakeTimeProvider)_time;
        var step = TimeSpan.FromMilliseconds(100);
        for (var moved = TimeSpan.Zero; moved <= limit; moved += step)
        {
            await QuietAsync();
            if (done())
            {
                return;
            }
            time.Advance(step);
        }
        Assert.Fail($"Not done within {limit} of fake time.");
    }

    private async Task QuietAsync()
    {
        var quiet = 0;
        for (var waited = 0; quiet < 3; waited++)
        {
            Assert.True(waited < 1000, "A request to the stand-in never came back.");
            quiet = Volatile.Read(ref _inFlight) == 0 ? quiet + 1 : 0;
            await Task.Delay(quiet == 0 ? 5 : 10);
        }
    }

    // Innermost, so it counts network exchanges only: not the waits for a rate-limit place or a retry.
    private sealed class InFlightHandler(SlackWireHost host) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref host._inFlight);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref host._inFlight);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        await _services.DisposeAsync();
        _store.Dispose();
        _dir.Dispose();
        _stop.Dispose();
    }
}
