namespace QuizBot.Tests.Support;

// Slash command bodies: the fields and order of Slack's own example (docs.slack.dev/interactivity/implementing-slash-commands).
public static class SlackCommands
{
    public static List<KeyValuePair<string, string>> Fields(
        string user, string channel, string command, string text, Uri responseUrl,
        string userName = "roadrunner", string channelName = "quiz", string teamId = SlackEvents.TeamId) =>
    [
        new("token", "gIkuvaNzQIHg97ATvDxqgjtO"),
        new("team_id", teamId),
        new("team_domain", "standin"),
        new("enterprise_id", "E0STANDIN"),
        new("enterprise_name", "Stand-in Inc"),
        new("channel_id", channel),
        new("channel_name", channelName),
        new("user_id", user),
        new("user_name", userName),
        new("command", command),
        new("text", text),
        new("response_url", responseUrl.ToString()),
        new("trigger_id", "13345224609.738474920.8088930838d88f008e0"),
        new("api_app_id", SlackEvents.AppId),
    ];
}
