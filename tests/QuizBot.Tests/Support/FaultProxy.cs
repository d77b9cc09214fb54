using System.Net;
using System.Net.Sockets;

namespace QuizBot.Tests.Support;

// A TCP forwarder between the service and a real backend (Azurite) that a test can break on demand, the way networks
// and storage endpoints fail: Refuse closes every connection at once (a store that is down), Hang accepts and then
// never answers (a store that hangs). Going back to Pass heals new connections; broken ones stay broken, as after a
// real outage.
public sealed class FaultProxy : IAsyncDisposable
{
    public enum Mode
    {
        Pass,
        Refuse,
        Hang,
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _backendPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;

    public FaultProxy(int backendPort)
    {
        _backendPort = backendPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Mode Current { get; private set; } = Mode.Pass;

    // Connections made before the fault are cut too: a store outage breaks pooled connections as well.
    public void Set(Mode mode)
    {
        Current = mode;
        if (mode != Mode.Pass)
        {
            lock (_lock)
            {
                foreach (var client in _open)
                {
                    client.Dispose();
                }
                _open.Clear();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            switch (Current)
            {
                case Mode.Refuse:
                    client.Client.LingerState = new LingerOption(true, 0); // RST, as a closed port answers
                    client.Dispose();
                    break;
                case Mode.Hang:
                    Track(client); // read nothing, answer nothing
                    break;
                default:
                    _ = ForwardAsync(client);
                    break;
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var backend = new TcpClient();
        Track(client);
        Track(backend);
        try
        {
            await backend.ConnectAsync(IPAddress.Loopback, _backendPort, _stop.Token);
            var a = client.GetStream();
            var b = backend.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            backend.Dispose();
        }
    }

    private void Track(TcpClient client)
    {
        lock (_lock)
        {
            _open.RemoveAll(c => !c.Connected);
            _open.Add(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Set(Mode.Refuse);
        await _accepting;
        _stop.Dispose();
    }
}
