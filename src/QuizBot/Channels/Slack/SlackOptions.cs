namespace QuizBot.Channels.Slack;

// Section "Slack". Both secrets empty leaves Slack off, so the bot runs locally with zero configuration.
internal sealed class SlackOptions
{
    public const string Section = "Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    // Basic Information > App Credentials > Signing Secret: checks that a request came from Slack.
    public string? SigningSecret { get; set; }

    // OAuth & Permissions > Bot User OAuth Token (xoxb-...): what the bot calls the Web API with.
    public string? BotToken { get; set; }

    // Kept as text so a bad value is reported by validation by name, not by the binder; tests point it at a stand-in.
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    // Joined by hand: a base configured without its trailing slash must not lose its last segment ("/api").
    public Uri MethodUrl(string method) => new($"{ApiBaseUrl.TrimEnd('/')}/{method}", UriKind.Absolute);
}
