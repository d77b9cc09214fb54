using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using QuizBot.Storage;

namespace QuizBot.Channels.Slack;

// The OAuth "state" of an install link: a random nonce and its expiry, protected by the shared key ring (so any
// instance can read what another issued, and nobody can forge one), used once (the nonce is recorded in the store at
// the callback), and tied to the browser that started the install by a cookie holding the same nonce.
internal sealed class SlackInstallState(IDataProtectionProvider protection, IInstallStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("QuizBot.Slack.OAuthState.v1");

    public (string State, string Nonce) Issue()
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + Lifetime;
        return (_protector.Protect($"{nonce}|{expires.ToUnixTimeMilliseconds()}"), nonce);
    }

    // Null when the state is good: not forged, not expired, from this browser, and not used before (it is used now).
    public async Task<string?> RedeemAsync(string? state, string? browserNonce, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 2000)
        {
            return "The link carries no install state.";
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(state);
        }
        catch (CryptographicException)
        {
            return "The install state was not issued by this QuizBot.";
        }
        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], out var ms))
        {
            return "The install state was not issued by this QuizBot.";
        }
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (time.GetUtcNow() > expires)
        {
            return "The install link expired (they last 10 minutes).";
        }
        if (browserNonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(browserNonce), Encoding.UTF8.GetBytes(parts[0])))
        {
            return "The install was started in another browser (or its cookie was blocked).";
        }
        return await store.UseNonceAsync(parts[0], expires, ct) ? null : "This install link was already used.";
    }
}
