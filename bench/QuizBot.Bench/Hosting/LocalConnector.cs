using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace QuizBot.Bench.Hosting;

// The least a Bot Connector can do: take POST/PUT activities on a loopback port and answer {"id": ...}.
internal sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _posts;
    private int _puts;

    private LocalConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public int Posts => Volatile.Read(ref _posts);

    public int Puts => Volatile.Read(ref _puts);

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var connector = new LocalConnector(builder.Build());
        connector._app.MapMethods("/_connector/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT"], connector.Handle);
        await connector._app.StartAsync();
        var address = connector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = address + "/_connector/";
        return connector;
    }

    private async Task<IResult> Handle(HttpContext http, string conversationId, string? activityId)
    {
        await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        if (HttpMethods.IsPut(http.Request.Method))
        {
            Interlocked.Increment(ref _puts);
            return Results.Json(new { id = activityId });
        }
        return Results.Json(new { id = $"act-{Interlocked.Increment(ref _posts)}" });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
