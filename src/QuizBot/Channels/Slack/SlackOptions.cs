namespace QuizBot.Channels.Slack;

// Section "Slack". Nothing set leaves Slack off, so the bot runs locally with zero configuration.
//
// Where the bot's token comes from (one of, or both):
//   BotToken                  one workspace, the token pasted from the app's settings;
//   ClientId + ClientSecret   any number of workspaces, each installing through /slack/install (OAuth v2).
// How Slack reaches the bot (one of, or both):
//   SigningSecret             HTTP request URLs (/api/slack/events, /interactions, /commands);
//   AppToken                  Socket Mode: the bot opens a WebSocket to Slack, no public URL needed.
internal sealed class SlackOptions
{
    public const string Section = "Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    public const string DefaultAuthorizeUrl = "https://slack.com/oauth/v2/authorize";

    // Basic Information > App Credentials > Signing Secret: checks that a request came from Slack.
    public string? SigningSecret { get; set; }

    // OAuth & Permissions > Bot User OAuth Token (xoxb-...): single-workspace mode.
    public string? BotToken { get; set; }

    // Basic Information > App Credentials > Client ID and Client Secret: installation by OAuth into many workspaces.
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    // Basic Information > App-Level Tokens (xapp-..., scope connections:write): Socket Mode.
    public string? AppToken { get; set; }

    // Kept as text so a bad value is reported by validation by name, not by the binder; tests point it at a stand-in.
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    // Where /slack/install sends the browser; tests point it at the stand-in.
    public string AuthorizeUrl { get; set; } = DefaultAuthorizeUrl;

    // The OAuth redirect URL registered with the app (https://YOUR-HOST/slack/oauth/callback). Empty: built from the
    // install request's own scheme and host, which is right unless a proxy rewrites them.
    public string? RedirectUrl { get; set; }

    public bool HasBotToken => Set(BotToken);

    public bool OAuthEnabled => Set(ClientId) && Set(ClientSecret);

    public bool HttpEnabled => Set(SigningSecret) && HasTokenSource;

    public bool SocketModeEnabled => Set(AppToken) && HasTokenSource;

    public bool Enabled => HttpEnabled || SocketModeEnabled;

    private bool HasTokenSource => HasBotToken || OAuthEnabled;

    // Joined by hand: a base configured without its trailing slash must not lose its last segment ("/api").
    public Uri MethodUrl(string method) => new($"{ApiBaseUrl.TrimEnd('/')}/{method}", UriKind.Absolute);

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
