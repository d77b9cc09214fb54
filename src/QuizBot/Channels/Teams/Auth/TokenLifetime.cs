using Microsoft.IdentityModel.Tokens;

namespace QuizBot.Channels.Teams.Auth;

// IdentityModel checks a token's lifetime on the system clock; every validator here checks it on the injected
// TimeProvider instead (Bot Framework tokens and the dashboard's Entra ID tokens alike).
internal static class TokenLifetime
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static LifetimeValidator On(TimeProvider time) => (notBefore, expires, _, _) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        }
        if (notBefore > now + Skew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {notBefore:O}; it is {now:O}.") { NotBefore = notBefore.Value };
        }
        return expires >= now - Skew
            ? true
            : throw new SecurityTokenExpiredException($"The token expired at {expires:O}; it is {now:O}.") { Expires = expires.Value };
    };
}
