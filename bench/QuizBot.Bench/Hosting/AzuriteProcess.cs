using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QuizBot.Bench.Hosting;

// Azurite's table service from tests/js (installed by test.sh), in memory on a free port: for checking that the
// Tables path is correct under load. It is no performance reference for Azure Table Storage.
internal sealed class AzuriteProcess : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteProcess(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static AzuriteProcess Start()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "QuizBot.sln")))
        {
            root = root.Parent;
        }
        var bin = Path.Combine(root?.FullName ?? ".", "tests", "js", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run `npm ci --prefix tests/js`.");
        }
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(bin) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return new AzuriteProcess(process, port);
            }
            catch (SocketException) when (waited < 30_000 && !process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
