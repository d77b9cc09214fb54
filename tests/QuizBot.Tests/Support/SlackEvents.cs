using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// Events API bodies in the shapes of Slack's documented examples (docs.slack.dev/apis/events-api and the event pages).
public static class SlackEvents
{
    public const string TeamId = "T0STANDIN";
    public const string AppId = "A0QUIZBOT";

    private static int _nextEvent;

    public static JsonObject UrlVerification(string challenge) => new()
    {
        ["token"] = "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        ["challenge"] = challenge,
        ["type"] = "url_verification",
    };

    // The outer event_callback envelope around one event. A redelivery must reuse the same eventId.
    public static JsonObject Callback(JsonObject @event, string? eventId = null, long eventTime = 1700000000, string teamId = TeamId) => new()
    {
        ["token"] = "XXYYZZ",
        ["team_id"] = teamId,
        ["api_app_id"] = AppId,
        ["event"] = @event,
        ["type"] = "event_callback",
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null, ["team_id"] = teamId, ["user_id"] = "U0QUIZBOT", ["is_bot"] = true, ["is_enterprise_install"] = false,
        }),
        ["event_id"] = eventId ?? $"Ev{Interlocked.Increment(ref _nextEvent):D8}",
        ["event_time"] = eventTime,
        ["event_context"] = "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFNUQU5ESU4ifQ",
    };

    // A person's message in their DM with the bot (message.im).
    public static JsonObject MessageIm(string user, string channel, string text, string ts = "1700000001.000100") => new()
    {
        ["client_msg_id"] = Guid.NewGuid().ToString(),
        ["type"] = "message",
        ["text"] = text,
        ["user"] = user,
        ["ts"] = ts,
        ["team"] = TeamId,
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["channel_type"] = "im",
    };

    // A person shares a file in their DM with the bot: message subtype file_share, the file object in files[].
    public static JsonObject FileShareIm(string user, string channel, JsonObject file, string text = "", string ts = "1700000005.000100",
        string channelType = "im") => new()
    {
        ["type"] = "message",
        ["subtype"] = "file_share",
        ["text"] = text,
        ["files"] = new JsonArray(file),
        ["upload"] = true,
        ["user"] = user,
        ["display_as_bot"] = false,
        ["ts"] = ts,
        ["team"] = TeamId,
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["channel_type"] = channelType,
    };

    // The bot's own post echoed back in the DM: bot_id set, which the bot must ignore.
    public static JsonObject BotMessageIm(string botId, string channel, string text, string ts = "1700000002.000100") => new()
    {
        ["type"] = "message",
        ["subtype"] = "bot_message",
        ["text"] = text,
        ["bot_id"] = botId,
        ["ts"] = ts,
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["channel_type"] = "im",
    };

    // "@QuizBot start" in a channel: the text carries the mention as <@U...>.
    public static JsonObject AppMention(string user, string channel, string text, string botUserId = "U0QUIZBOT", string ts = "1700000003.000100", string? threadTs = null)
    {
        var e = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["type"] = "app_mention",
            ["text"] = $"<@{botUserId}> {text}",
            ["user"] = user,
            ["ts"] = ts,
            ["team"] = TeamId,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
        }
        return e;
    }

    public static JsonObject AppHomeOpened(string user, string channel, string tab = "home") => new()
    {
        ["type"] = "app_home_opened",
        ["user"] = user,
        ["channel"] = channel,
        ["tab"] = tab,
        ["event_ts"] = "1700000004.000100",
    };
}
