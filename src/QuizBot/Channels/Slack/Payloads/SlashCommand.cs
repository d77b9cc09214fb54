namespace QuizBot.Channels.Slack;

// A slash command as Slack posts it: a form body, one field per property. Text is what followed the command, decoded.
internal sealed record SlashCommand(
    string? TeamId,
    string? TeamDomain,
    string? EnterpriseId,
    string? ChannelId,
    string? ChannelName,
    string? UserId,
    string? UserName,
    string? Command,
    string? Text,
    string? ResponseUrl,
    string? TriggerId,
    string? ApiAppId);
