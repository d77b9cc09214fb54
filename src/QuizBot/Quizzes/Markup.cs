namespace QuizBot.Quizzes;

// The engine's small, channel-neutral markup: **strong**, *emphasis* and `code`, nothing else (no links, headings or
// lists). Each channel renders it: Teams' markdown takes it as it is, Slack's mrkdwn needs *strong* and _emphasis_.
internal static class Markup
{
    public static string Strong(string text) => $"**{text}**";

    public static string Emphasis(string text) => $"*{text}*";

    public static string Code(string text) => $"`{text}`";
}
