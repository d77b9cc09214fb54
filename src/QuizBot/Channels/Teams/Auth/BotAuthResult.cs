namespace QuizBot.Channels.Teams.Auth;

// AppId is the bot's own app id the token was issued for (null when authentication is off).
internal sealed record BotAuthResult(bool Succeeded, string? Failure, string? AppId)
{
    public static BotAuthResult Fail(string failure) => new(false, failure, null);
}
