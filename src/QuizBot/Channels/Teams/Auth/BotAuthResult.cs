namespace QuizBot.Channels.Teams.Auth;

// AppId is the bot's own app id the token was issued for (null when authentication is off).
internal sealed record BotAuthResult(bool Succeeded, string? Failure, string? AppId)
{
    public static BotAuthResult Fail(string failure) => new(false, failure, null);
}

// A token whose signature, issuer, audience and lifetime held (or the Failure that says why not), waiting for the
// activity it must be bound to. Off: authentication is disabled.
internal sealed record VerifiedToken(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken? Token, EndorsedKey? Key, bool FromChannel, string? Failure)
{
    public static readonly VerifiedToken Off = new(null, null, false, null) { IsOff = true };

    public bool IsOff { get; private init; }

    public bool Succeeded => IsOff || Failure is null;

    public static VerifiedToken Fail(string failure) => new(null, null, false, failure);
}
