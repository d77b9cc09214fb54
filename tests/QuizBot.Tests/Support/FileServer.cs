using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Support;

// Where Teams' pre-authenticated download URLs point (OneDrive/SharePoint in production), on a real local port: GET
// /files/{name} serves the bytes put there, and every request is kept so a test can see whether the bot fetched a file.
public sealed class FileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    public FileServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/files/{name}", ServeAsync);
        // A download URL that sends the client elsewhere: the bot must not follow it.
        _app.MapGet("/moved/{name}", (string name) => Results.Redirect("/files/" + name));
        // A server that sends more than the cap without saying how much (chunked, no Content-Length).
        _app.MapGet("/endless/{name}", EndlessAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public string BaseUrl { get; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public string Put(string name, byte[] content)
    {
        _files[name] = content;
        return Url(name);
    }

    public string Url(string name, string folder = "files") => $"{BaseUrl}{folder}/{Uri.EscapeDataString(name)}";

    private async Task ServeAsync(HttpContext http, string name)
    {
        _requests.Enqueue(http.Request.Path + " " + http.Request.Headers.Authorization);
        if (!_files.TryGetValue(name, out var content))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }

    private async Task EndlessAsync(HttpContext http, string name)
    {
        _requests.Enqueue(http.Request.Path.ToString());
        http.Response.ContentType = "application/octet-stream";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            for (var i = 0; i < 1024 && !http.RequestAborted.IsCancellationRequested; i++)
            {
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped reading at its cap, as it should.
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
