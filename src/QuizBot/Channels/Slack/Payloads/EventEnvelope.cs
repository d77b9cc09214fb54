namespace QuizBot.Channels.Slack;

// What Slack posts to the Events API request URL. url_verification carries only Challenge (to be echoed back);
// event_callback carries one Event, and EventId is the same on each redelivery of it: deduplicate on it.
internal sealed record EventEnvelope(
    string? Type,
    string? Challenge,
    string? TeamId,
    string? EnterpriseId,
    string? ApiAppId,
    string? EventId,
    long? EventTime,
    SlackEvent? Event)
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
}

// The fields QuizBot reads from message (message.im, with Files on a file_share), app_mention, app_home_opened, app_uninstalled and tokens_revoked.
// BotId or Subtype set on a message means a bot (maybe this one) or a system notice wrote it: not a person's command.
internal sealed record SlackEvent(
    string? Type,
    string? User,
    string? BotId,
    string? Subtype,
    string? Channel,
    string? ChannelType,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? EventTs,
    string? Tab,
    RevokedTokens? Tokens,
    IReadOnlyList<SlackFile>? Files = null);

// A file shared in a message (subtype file_share): url_private_download needs the bot token (scope files:read).
internal sealed record SlackFile(string? Id, string? Name, string? Title, string? Filetype, long? Size, string? UrlPrivate,
    string? UrlPrivateDownload);

// tokens_revoked: the user ids whose user tokens (Oauth) and bot tokens (Bot) the workspace revoked.
internal sealed record RevokedTokens(List<string>? Oauth, List<string>? Bot);
