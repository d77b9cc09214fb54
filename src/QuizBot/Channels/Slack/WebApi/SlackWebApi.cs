using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Slack's Web API: POST <ApiBaseUrl><method>, a JSON body, the bot token as a bearer. Slack answers HTTP 200 with
// {"ok":false,"error":...} for most failures, so "ok" is what decides, not the status. A singleton: each call takes a
// pooled client from the factory, so the scheduler and request handlers share one set of handlers and rate limits.
internal sealed partial class SlackWebApi(
    IHttpClientFactory clients, IOptions<SlackOptions> options, SlackTokens tokens, TimeProvider time, ILogger<SlackWebApi> log)
{
    public const string HttpClientName = "slack";

    public const string ResponseUrlHost = "hooks.slack.com";

    private static readonly MediaTypeHeaderValue JsonType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    // Errors that say this conversation is closed to the bot for good: stop posting there and mark it. invalid_auth
    // and not_authed are left out on purpose: they also follow a mistyped or rotated token, which an operator fixes
    // in minutes, and marking every conversation gone for that would silence the bot after the fix. token_revoked and
    // account_inactive are the workspace uninstalling or deactivating the bot: nothing will reach those conversations.
    // not_installed is QuizBot's own: no token is stored for that workspace (never installed, or uninstalled).
    public const string NotInstalled = "not_installed";

    private static readonly HashSet<string> GoneErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "is_inactive", "account_inactive", "token_revoked", NotInstalled,
    };

    // Errors an operator must act on (the token or the app's scopes), logged loudly rather than left to callers.
    private static readonly HashSet<string> ConfigurationErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "missing_scope", "token_revoked", "account_inactive", "not_allowed_token_type", "token_unreadable",
        "invalid_client_id", "bad_client_secret",
    };

    private readonly SlackUserCache _users = new(time);

    public static bool IsConversationGone(string error) => GoneErrors.Contains(error);

    // A call on behalf of one workspace (team), with that workspace's bot token.
    public async Task<JsonObject> CallAsync(string team, string method, JsonObject body, string? channel, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            throw new InvalidOperationException("Slack is not configured: see the Slack settings in README.");
        }
        var token = await tokens.BotTokenAsync(team, ct) ?? throw new SlackApiException(method, NotInstalled);
        return await CallWithTokenAsync(token, team, method, body, channel, ct);
    }

    // A call with a given token: the bot token of a workspace, or the app-level token (apps.connections.open).
    public async Task<JsonObject> CallWithTokenAsync(string? token, string team, string method, JsonObject body, string? channel,
        CancellationToken ct)
    {
        using var request = Request(method, team, channel, Json(body));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await SendAsync(request, method, ct);
    }

    // oauth.v2.access: exchanges the code Slack gave the browser for the workspace's bot token. It takes a form body and
    // the app's client id and secret as Basic credentials, not a bearer token.
    public async Task<JsonObject> OAuthAccessAsync(string code, string redirectUrl, CancellationToken ct)
    {
        var o = options.Value;
        const string method = "oauth.v2.access";
        using var request = Request(method, "", null, new FormUrlEncodedContent(
            [new("code", code), new("redirect_uri", redirectUrl)]));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(o.ClientId ?? "")}:{Uri.EscapeDataString(o.ClientSecret ?? "")}")));
        return await SendAsync(request, method, ct);
    }

    private HttpRequestMessage Request(string method, string team, string? channel, HttpContent content)
    {
        // A method name goes into the URL path: letters, digits and dots only, so it can never point elsewhere.
        if (string.IsNullOrEmpty(method) || !method.All(c => char.IsAsciiLetterOrDigit(c) || c == '.'))
        {
            throw new ArgumentException($"'{method}' is not a Slack Web API method name.", nameof(method));
        }
        var request = new HttpRequestMessage(HttpMethod.Post, options.Value.MethodUrl(method)) { Content = content };
        request.Options.Set(SlackRequestOptions.Team, team);
        request.Options.Set(SlackRequestOptions.Method, method);
        request.Options.Set(SlackRequestOptions.Channel, channel);
        return request;
    }

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, string method, CancellationToken ct)
    {
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        var result = await ReadAsync(response, ct);
        if (result is not null && SlackAnswer.IsTrue(result, "ok"))
        {
            return result;
        }
        throw Failure(method, response, result);
    }

    // A reply through an interaction's or a command's response_url: no token (the URL is the credential), and only to
    // Slack's hooks host or the configured API host (a stand-in in tests), so a forged URL cannot make the bot post elsewhere.
    public Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken ct) =>
        RespondAsync(responseUrl, Encoding.UTF8.GetBytes(message.ToJsonString()), ct);

    // message: the body as UTF-8 JSON bytes.
    public async Task RespondAsync(Uri responseUrl, byte[] message, CancellationToken ct)
    {
        if (!IsAllowedResponseUrl(responseUrl))
        {
            throw new ArgumentException($"'{responseUrl}' is not a Slack response_url.", nameof(responseUrl));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(message) };
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        // Slack answers {"ok":true} (or plain "ok" on older hooks) and a 4xx with used_url, expired_url, no_text, ...
        var result = await ReadAsync(response, ct);
        var refused = SlackAnswer.IsFalse(result, "ok");
        if (!response.IsSuccessStatusCode || refused)
        {
            throw Failure("response_url", response, result);
        }
    }

    // A person already looked up, without a call: the click path must not wait on users.info's rate limit.
    public bool TryGetCachedUser(string team, string user, out SlackUserInfo info) => _users.TryGet($"{team}:{user}", out info);

    public bool IsAllowedResponseUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }
        if (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.Equals(url.Host, ResponseUrlHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out var api)
            && url.Scheme == api.Scheme && url.Port == api.Port && string.Equals(url.Host, api.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static ByteArrayContent Json(JsonObject body) => Json(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        return content;
    }

    // The answer as a JSON object, or null when it is not one (an empty body, "ok", an HTML error page).
    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        try
        {
            return bytes.Length == 0 ? null : JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private SlackApiException Failure(string method, HttpResponseMessage response, JsonObject? result)
    {
        var status = (int)response.StatusCode;
        var error = SlackAnswer.String(result, "error")
            ?? (status == StatusCodes.Status429TooManyRequests ? "ratelimited"
            : response.IsSuccessStatusCode ? "invalid_response"
            : $"http_{status}");
        var retryAfter = status == StatusCodes.Status429TooManyRequests ? Http.HttpRetry.RetryAfter(response, time) : null;
        if (ConfigurationErrors.Contains(error))
        {
            LogMisconfigured(log, method, error);
        }
        else
        {
            LogRefused(log, method, error, status);
        }
        return new SlackApiException(method, error, status, retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused {Method} with {Error}: check Slack:BotToken and the app's scopes and installation")]
    private static partial void LogMisconfigured(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack refused {Method} with {Error} (HTTP {Status})")]
    private static partial void LogRefused(ILogger logger, string method, string error, int status);
}
