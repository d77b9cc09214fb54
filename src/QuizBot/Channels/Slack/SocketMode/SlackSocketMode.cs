using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Socket Mode: the bot opens a WebSocket to Slack (apps.connections.open with the app-level token) and Slack sends
// events, clicks and slash commands down it, so the bot needs no public URL. Runs only when Slack:AppToken is set, and
// keeps one connection open for as long as the host runs: a refresh opens the next one at once, a failure waits a
// growing backoff, link_disabled stops it. The HTTP request URLs may run beside it.
internal sealed partial class SlackSocketMode(
    IOptions<SlackOptions> options, SlackWebApi api, SocketEnvelopes envelopes, TimeProvider time, ILogger<SlackSocketMode> log)
    : BackgroundService
{
    public const string OpenMethod = "apps.connections.open";

    // The WebSocket handshake; a Slack that takes longer is tried again after the backoff.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    // Pings that expect a pong: a connection that died without a close (a laptop's sleep, a NAT timeout) is noticed
    // within about half a minute instead of waiting forever for the next envelope.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly SocketWork _work = new(log);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.SocketModeEnabled)
        {
            return;
        }
        var backoff = new SocketBackoff();
        try
        {
            while (true)
            {
                switch (await ConnectGuardedAsync(o.AppToken!, backoff, stoppingToken))
                {
                    case SocketEnd.Stopped:
                        return;
                    case SocketEnd.LinkDisabled:
                        LogLinkDisabled(log);
                        return;
                    case SocketEnd.Refresh:
                        continue;
                    default:
                        var delay = backoff.Next();
                        LogReconnecting(log, delay.TotalSeconds);
                        await Task.Delay(delay, time, stoppingToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Graceful shutdown: what was acknowledged finishes before the host stops.
            await _work.DrainAsync();
        }
    }

    // The host's grace period over: the work still running is told to give up.
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var giveUp = cancellationToken.Register(_work.Abandon);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _work.Dispose();
        base.Dispose();
    }

    // A background service that throws stops the whole host: a failure nobody foresaw costs one connection, not the bot.
    private async Task<SocketEnd> ConnectGuardedAsync(string appToken, SocketBackoff backoff, CancellationToken ct)
    {
        try
        {
            return await ConnectOnceAsync(appToken, backoff, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogUnexpected(log, e);
            return SocketEnd.Dropped;
        }
    }

    private async Task<SocketEnd> ConnectOnceAsync(string appToken, SocketBackoff backoff, CancellationToken ct)
    {
        if (await OpenUrlAsync(appToken, ct) is not { } url)
        {
            return SocketEnd.Dropped;
        }
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = KeepAlive;
        socket.Options.KeepAliveTimeout = KeepAlive;
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            await socket.ConnectAsync(url, linked.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            LogConnectFailed(log, e);
            return SocketEnd.Dropped;
        }
        var end = await new SocketConnection(socket, envelopes, _work, time, log).RunAsync(() =>
        {
            backoff.Reset();
            LogConnected(log);
        }, ct);
        await CloseAsync(socket);
        return end;
    }

    // The URL is good for one connection and carries a ticket: it is never logged.
    private async Task<Uri?> OpenUrlAsync(string appToken, CancellationToken ct)
    {
        JsonObject answer;
        try
        {
            answer = await api.CallWithTokenAsync(appToken, team: "", OpenMethod, new JsonObject(), null, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogOpenFailed(log, e);
            return null;
        }
        if (AcceptUrl(SlackAnswer.String(answer, "url")) is not { } url)
        {
            LogBadUrl(log);
            return null;
        }
        return url;
    }

    // wss only: the socket carries every message people send the bot. Plain ws is for a stand-in on this machine.
    internal static Uri? AcceptUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && string.IsNullOrEmpty(url.UserInfo)
        && (url.Scheme == Uri.UriSchemeWss || url.Scheme == Uri.UriSchemeWs && url.IsLoopback)
            ? url
            : null;

    // A polite close when the socket still allows one, within a second; otherwise it is simply dropped.
    private async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Slack Socket Mode connection failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode reconnects in {Seconds} s")]
    private static partial void LogReconnecting(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "apps.connections.open failed: check Slack:AppToken (an app-level token with connections:write) and that Socket Mode is enabled for the app")]
    private static partial void LogOpenFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "apps.connections.open answered no usable wss:// URL")]
    private static partial void LogBadUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the Slack Socket Mode WebSocket")]
    private static partial void LogConnectFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack disabled this app's Socket Mode connection (link_disabled): Socket Mode stays off until the app is restarted; turn it back on under Settings > Socket Mode")]
    private static partial void LogLinkDisabled(ILogger logger);
}
