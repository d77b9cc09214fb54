using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuizBot.Tests.Auth.Support;

// Entra ID's v2.0 token endpoint for the client credentials grant, on a local HTTPS port (MSAL insists on https)
// with a throw-away certificate. Every request is kept; each answer carries a new token, token-1, token-2, ...
public sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TokenRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _issued;

    public FakeTokenEndpoint()
    {
        Certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate)));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync);
        _app.MapFallback((HttpContext h) =>
        {
            _unexpected.Enqueue($"{h.Request.Method} {h.Request.Path}");
            return Results.NotFound();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public X509Certificate2 Certificate { get; }

    public string BaseUrl { get; }

    public IReadOnlyList<TokenRequest> Requests => [.. _requests];

    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    // For the HttpClient that MSAL uses: trust this server's certificate and nothing else self-signed.
    public HttpMessageHandler TrustingHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || cert?.Thumbprint == Certificate.Thumbprint,
    };

    private async Task<IResult> IssueAsync(HttpContext http, string tenant)
    {
        var form = await http.Request.ReadFormAsync();
        _requests.Enqueue(new TokenRequest(tenant, form["grant_type"].ToString(), form["client_id"].ToString(),
            form["client_secret"].ToString(), form["scope"].ToString()));
        return Results.Json(new
        {
            token_type = "Bearer",
            expires_in = 3600,
            ext_expires_in = 3600,
            access_token = $"token-{Interlocked.Increment(ref _issued)}",
        });
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}

public sealed record TokenRequest(string Tenant, string GrantType, string ClientId, string ClientSecret, string Scope);
