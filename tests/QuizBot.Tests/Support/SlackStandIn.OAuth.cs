using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace QuizBot.Tests.Support;

// Slack's side of installing by OAuth v2: the authorize page (which approves at once, for the workspace a test chose),
// oauth.v2.access (client credentials as Basic auth, one use per code), and the bot tokens of every workspace that
// installed, which the Web API then accepts until they are revoked.
public sealed partial class SlackStandIn
{
    public const string ClientId = "1111.2222";
    public const string ClientSecret = "standin-client-secret";

    private readonly Dictionary<string, string> _workspaceTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _codes = new(StringComparer.Ordinal);
    private (string Team, string Name, string Token)? _approveAs;
    private string? _accessError;

    // What Slack:AuthorizeUrl should be set to.
    public string AuthorizeUrl => BaseUrl + "oauth/v2/authorize";

    // The next authorize approves the install into this workspace, with this bot token.
    public void ApproveAs(string team, string name, string token)
    {
        lock (_lock) { _approveAs = (team, name, token); }
    }

    // The next oauth.v2.access answers ok:false with this error (invalid_code, bad_client_secret, ...).
    public void FailAccess(string error)
    {
        lock (_lock) { _accessError = error; }
    }

    // The workspace uninstalled the app: its token answers token_revoked from now on.
    public void Revoke(string token)
    {
        lock (_lock) { _revokedTokens.Add(token); }
    }

    private IResult Authorize(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["state"]))
        {
            return Results.Text("<h1>Invalid client_id or redirect</h1>", "text/html", statusCode: 400);
        }
        var code = "code-" + Guid.NewGuid().ToString("N")[..12];
        lock (_lock)
        {
            var (team, name, token) = _approveAs ?? (TeamId, "Stand-in", _token);
            _codes[code] = new JsonObject
            {
                ["ok"] = true, ["access_token"] = token, ["token_type"] = "bot", ["scope"] = q["scope"].ToString(),
                ["bot_user_id"] = BotUserId, ["app_id"] = SlackEvents.AppId,
                ["team"] = new JsonObject { ["id"] = team, ["name"] = name }, ["enterprise"] = null,
                ["authed_user"] = new JsonObject { ["id"] = "U0INSTALLER" }, ["is_enterprise_install"] = false,
                ["_redirect_uri"] = q["redirect_uri"].ToString(),
            };
        }
        return Results.Redirect(QueryHelpers.AddQueryString(q["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
    }

    private (int Status, JsonObject? Answer, int? RetryAfter) OAuthAccess(JsonObject form, string authorization)
    {
        lock (_lock)
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            if (authorization != expected)
            {
                return (200, Error("invalid_client_id"), null);
            }
            if (_accessError is { } error)
            {
                _accessError = null;
                return (200, Error(error), null);
            }
            if (Field(form, "code") is not { } code || !_codes.Remove(code, out var grant))
            {
                return (200, Error("invalid_code"), null);
            }
            if (Field(form, "redirect_uri") != grant["_redirect_uri"]!.GetValue<string>())
            {
                return (200, Error("bad_redirect_uri"), null);
            }
            grant.Remove("_redirect_uri");
            _workspaceTokens[grant["access_token"]!.GetValue<string>()] = grant["team"]!["id"]!.GetValue<string>();
            return (200, grant, null);
        }
    }

    // The token check for Web API methods: the configured token, or one a workspace got by installing.
    private string? TokenProblem(string? token) =>
        string.IsNullOrEmpty(token) ? "not_authed"
        : _revokedTokens.Contains(token) ? "token_revoked"
        : token == _token || _workspaceTokens.ContainsKey(token) ? null
        : "invalid_auth";
}
