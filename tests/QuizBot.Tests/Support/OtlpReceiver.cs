using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Support;

// An OpenTelemetry collector's OTLP/HTTP endpoint on a local port: it accepts every export and keeps which signal
// (v1/traces, v1/metrics) arrived with how many bytes of protobuf.
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, long Bytes)> _exports = new();

    public OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue((request.Path, body.Length));
            return Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Endpoint { get; }

    public IReadOnlyList<(string Path, long Bytes)> Exports => [.. _exports];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
