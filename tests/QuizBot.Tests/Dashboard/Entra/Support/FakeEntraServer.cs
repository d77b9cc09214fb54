using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using QuizBot.Tests.Auth.Support;

namespace QuizBot.Tests.Dashboard.Entra.Support;

// Microsoft Entra ID as the dashboard meets it, on a real local port and in its v2 wire format: per-tenant OpenID
// metadata ({tenant}/v2.0/.well-known/openid-configuration), the JWKS, the authorize endpoint (the person signs in at
// once and the code is bound to the client, redirect URI, nonce and PKCE challenge) and the token endpoint that redeems
// the code for a signed id_token. Tests change what the next id_token says through IdToken.
public sealed class FakeEntraServer : IAsyncDisposable
{
    public const string ClientId = "3c9a2f1e-6b4d-4e7a-8f10-2a3b4c5d6e7f";
    public const string ClientSecret = "fake-entra-secret";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OtherTenantId = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    public FakeEntraServer(TimeProvider time)
    {
        Time = time;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Metadata);
        _app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray([.. Published.Select(k => k.Jwk())]) }));
        _app.MapGet("/{tenant}/oauth2/v2.0/authorize", Authorize);
        _app.MapPost("/{tenant}/oauth2/v2.0/token", TokenAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Published.Add(Key);
    }

    public TimeProvider Time { get; }

    public string BaseUrl { get; }

    // What QuizBot:Dashboard:Entra:Instance is set to.
    public string Instance => BaseUrl + "/";

    public TestKey Key { get; } = new("entra-key-1", []);

    // A key Entra ID never published: tokens it signs are forgeries.
    public TestKey Forger { get; } = new("entra-key-1", []);

    public List<TestKey> Published { get; } = [];

    // Who signs in at the authorize endpoint, and a last word on the id_token's claims (and its key) before it is signed.
    public string ObjectId { get; set; } = "5d1f2c3b-7a6e-4f10-9b8c-1e2d3c4b5a69";

    public Func<Dictionary<string, object>, TokenSpec, (TokenSpec Spec, TestKey Key)>? IdToken { get; set; }

    public int Redemptions { get; private set; }

    public string Issuer(string tenant) => $"{BaseUrl}/{tenant}/v2.0";

    // An Entra ID v2 access token for the dashboard's API, as Teams' getAuthToken hands the tab.
    public string AccessToken(string audience, Action<Dictionary<string, object>>? change = null, TestKey? key = null, string tenant = TenantId,
        TimeSpan? lifetime = null)
    {
        var now = Time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenant, ["oid"] = ObjectId, ["scp"] = "access_as_user", ["ver"] = "2.0", ["name"] = "Ann Example",
            ["azp"] = "1fec8e78-bce4-4aaf-ab1b-5451cc387264", ["sub"] = "pairwise-subject",
        };
        change?.Invoke(claims);
        return (key ?? Key).Mint(new TokenSpec(Issuer(tenant), audience, now.AddMinutes(-5), now + (lifetime ?? TimeSpan.FromHours(1)), claims));
    }

    private IResult Metadata(string tenant)
    {
        // "organizations" publishes a template issuer: each token names its own tenant.
        var issuer = tenant == "organizations" ? $"{BaseUrl}/{{tenantid}}/v2.0" : Issuer(tenant);
        return Results.Json(new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{BaseUrl}/{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token"),
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["code_challenge_methods_supported"] = new JsonArray("plain", "S256"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
        });
    }

    // Entra ID would show its sign-in page; here the person is signed in already, so the answer is the code at once,
    // returned by redirect (query) or by the auto-posting form (form_post) that the browser would submit.
    private IResult Authorize(string tenant, HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
        {
            return Results.BadRequest("AADSTS900144: the request is missing or has a wrong parameter");
        }
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(tenant, q["redirect_uri"]!, q["nonce"]!, q["code_challenge"]!, ObjectId);
        var redirect = q["redirect_uri"].ToString();
        return q["response_mode"] == "form_post"
            ? Results.Content($"""<form method="post" action="{redirect}"><input name="code" value="{code}"><input name="state" value="{q["state"]}"></form>""", "text/html")
            : Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> TokenAsync(string tenant, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
        }
        // A code is redeemed once, by the client that asked for it, with the same redirect URI and the PKCE verifier.
        if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"]
            || grant.Challenge != Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))))
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_grant" }, statusCode: 400);
        }
        Redemptions++;
        var now = Time.GetUtcNow();
        var tid = tenant == "organizations" ? TenantId : tenant;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tid, ["oid"] = grant.ObjectId, ["sub"] = "pairwise-subject", ["nonce"] = grant.Nonce, ["name"] = "Ann Example", ["ver"] = "2.0",
        };
        var spec = new TokenSpec(Issuer(tid), ClientId, now.AddMinutes(-1), now.AddHours(1), claims);
        var (final, key) = IdToken?.Invoke(claims, spec) ?? (spec, Key);
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["access_token"] = AccessToken(ClientId),
            ["id_token"] = key.Mint(final),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Key.Dispose();
        Forger.Dispose();
    }

    private sealed record Grant(string Tenant, string RedirectUri, string Nonce, string Challenge, string ObjectId);
}
