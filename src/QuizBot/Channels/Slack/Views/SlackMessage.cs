using System.Text.Json.Nodes;

namespace QuizBot.Channels.Slack;

// One Slack message before it is addressed: Text is the notification and accessibility fallback (always set), Blocks
// what people see. Both are already in Slack mrkdwn, escaped and within Block Kit's limits.
internal sealed record SlackMessage(string Text, JsonArray Blocks);
