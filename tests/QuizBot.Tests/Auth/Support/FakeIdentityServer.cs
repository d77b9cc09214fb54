using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuizBot.Tests.Auth.Support;

// The two token issuers a bot trusts, on a real local port: OpenID metadata and a JWKS per issuer, the channel's
// keys with Bot Framework "endorsements". Keys can be added and removed to play a rotation; fetches are counted.
public sealed class FakeIdentityServer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _fetches = new();

    public FakeIdentityServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/channel/.well-known/openidconfiguration", (HttpContext h) => Metadata(h, "channel", ChannelIssuer));
        _app.MapGet("/channel/keys", (HttpContext h) => Jwks(h, ChannelKeys));
        _app.MapGet("/emulator/.well-known/openid-configuration", (HttpContext h) => Metadata(h, "emulator", EmulatorIssuerV2));
        _app.MapGet("/emulator/keys", (HttpContext h) => Jwks(h, EmulatorKeys));
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string BaseUrl { get; }

    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";

    public string EmulatorMetadataUrl => BaseUrl + "/emulator/.well-known/openid-configuration";

    public ConcurrentDictionary<string, TestKey> ChannelKeys { get; } = new();

    public ConcurrentDictionary<string, TestKey> EmulatorKeys { get; } = new();

    // How often the bot fetched the channel's JWKS: one per refresh.
    public int ChannelKeyFetches => _fetches.GetValueOrDefault("/channel/keys");

    public int Fetches(string path) => _fetches.GetValueOrDefault(path);

    public TestKey AddChannelKey(string kid, params string[] endorsements) => ChannelKeys[kid] = new TestKey(kid, endorsements);

    public TestKey AddEmulatorKey(string kid) => EmulatorKeys[kid] = new TestKey(kid, []);

    // While set, the metadata endpoints answer 503, as an issuer in an outage does.
    public bool Down { get; set; }

    private IResult Metadata(HttpContext http, string name, string issuer)
    {
        Count(http);
        if (Down)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return Results.Json(new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{BaseUrl}/{name}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
    }

    private IResult Jwks(HttpContext http, ConcurrentDictionary<string, TestKey> keys)
    {
        Count(http);
        return Results.Json(new JsonObject { ["keys"] = new JsonArray([.. keys.Values.Select(k => k.Jwk())]) });
    }

    private void Count(HttpContext http) => _fetches.AddOrUpdate(http.Request.Path.Value!, 1, (_, n) => n + 1);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var key in ChannelKeys.Values.Concat(EmulatorKeys.Values))
        {
            key.Dispose();
        }
    }
}

// An RSA signing key as an issuer holds it: the private half mints tokens, the public half goes into the JWKS.
public sealed class TestKey(string kid, string[] endorsements) : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly RSA _rsa = RSA.Create(2048);

    public string Kid { get; } = kid;

    public JsonObject Jwk()
    {
        var p = _rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements.Length > 0)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => JsonValue.Create(e))]);
        }
        return jwk;
    }

    // Signs with this key's private half but names whatever kid the test wants in the header.
    public string Mint(TokenSpec spec, string? kidInHeader = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires.UtcDateTime,
            IssuedAt = spec.NotBefore.UtcDateTime,
            Claims = spec.Claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = kidInHeader ?? Kid }, algorithm),
        });

    public void Dispose() => _rsa.Dispose();
}

public sealed record TokenSpec(string Issuer, string Audience, DateTimeOffset NotBefore, DateTimeOffset Expires, Dictionary<string, object> Claims);
