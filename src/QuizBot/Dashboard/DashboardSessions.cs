using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard;

// A signed-in person: their chat key and name, and the conversations their sign-in named (a chat link names the
// conversation it was asked from). Roles are looked up on every request, so a manager removed in chat loses the pages
// at once; the one exception is ChannelAdminOf: conversations where the channel itself vouched for the person as an
// admin when they asked (Slack workspace admins and owners), which no store holds.
internal sealed record DashboardViewer(string UserKey, string Name, IReadOnlyList<string> Conversations)
{
    public IReadOnlyList<string> ChannelAdminOf { get; init; } = [];

    // The other ids the person's channel vouched for at sign-in (Teams' aadObjectId; Entra ID's object id): admins named
    // in configuration by such an id are admins here as they are in chat.
    public IReadOnlyList<string> Ids { get; init; } = [];
}

// The one place that opens and reads dashboard sessions: a one-time link from chat, Entra ID and the Teams tab all
// end in SignIn. The cookie holds the viewer and its expiry, protected (encrypted and signed) by the service's key
// ring, so every instance reads it and nobody can forge or widen one.
internal sealed class DashboardSessions(IDataProtectionProvider protection, TimeProvider time, IOptions<DashboardOptions> options)
{
    public const string CookieName = "QuizBot.Dashboard";

    private readonly IDataProtector _protector = protection.CreateProtector("QuizBot.Dashboard.Session.v1");

    // embedded: the page is shown inside Teams (an iframe on another site), where only a SameSite=None cookie, kept in
    // Teams' own partition, reaches the service.
    public void SignIn(HttpContext context, DashboardViewer viewer, bool embedded = false)
    {
        var expires = time.GetUtcNow().AddHours(options.Value.SessionHours);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(viewer.UserKey, viewer.Name, [.. viewer.Conversations], [.. viewer.ChannelAdminOf], [.. viewer.Ids], expires), SessionJson.Default.Payload);
        var cookie = new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = embedded ? SameSiteMode.None : SameSiteMode.Lax,
            Path = DashboardPaths.Root,
            Expires = expires,
            IsEssential = true,
        };
        if (embedded)
        {
            cookie.Extensions.Add("Partitioned");
        }
        context.Response.Cookies.Append(CookieName, WebEncoders.Base64UrlEncode(_protector.Protect(payload)), cookie);
    }

    // The viewer of this request, or null: no cookie, a tampered or foreign one, or an expired one.
    public DashboardViewer? Current(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length is 0 or > 8192)
        {
            return null;
        }
        try
        {
            var payload = JsonSerializer.Deserialize(_protector.Unprotect(WebEncoders.Base64UrlDecode(value)), SessionJson.Default.Payload);
            return payload is null || payload.Expires <= time.GetUtcNow() || string.IsNullOrEmpty(payload.User)
                ? null
                : new DashboardViewer(payload.User, payload.Name, payload.Conversations) { ChannelAdminOf = payload.ChannelAdminOf ?? [], Ids = payload.Ids ?? [] };
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = DashboardPaths.Root, Secure = true, HttpOnly = true });

    internal sealed record Payload(string User, string Name, string[] Conversations, string[]? ChannelAdminOf, string[]? Ids, DateTimeOffset Expires);
}

[JsonSerializable(typeof(DashboardSessions.Payload))]
internal sealed partial class SessionJson : JsonSerializerContext;
