using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using QuizBot.Quizzes;
using QuizBot.Storage;

namespace QuizBot.Dashboard;

// One-time sign-in links sent privately in chat. The token is the protected (encrypted and signed) ticket itself, so
// any instance can read it and nobody can forge, widen or extend one; its nonce is spent in the shared store on first
// use, so a link works once across every instance. Hex, not base64: nothing in it reads as chat markup, so the
// channels show the address as it is and link it.
internal sealed class SignInLinks(IDataProtectionProvider protection, IInstallStore nonces, TimeProvider time, IOptions<DashboardOptions> options)
{
    public const string Path = DashboardPaths.Root + "/signin";

    private readonly IDataProtector _protector = protection.CreateProtector("QuizBot.Dashboard.SignInLink.v1");

    public string Create(Participant who, string conversationKey)
    {
        var ticket = new Ticket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), who.Key, who.Name, conversationKey, who.ChannelAdmin,
            time.GetUtcNow().AddMinutes(options.Value.LinkMinutes)) { Ids = [.. who.Ids ?? []] };
        var token = Convert.ToHexStringLower(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(ticket, LinkJson.Default.Ticket)));
        return $"{options.Value.PublicBaseUrl!.TrimEnd('/')}{Path}?t={token}";
    }

    // The ticket a token holds when it is genuine and unexpired; it is not spent (a GET only reads it).
    public Ticket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096 || token.Length % 2 != 0)
        {
            return null;
        }
        try
        {
            var ticket = JsonSerializer.Deserialize(_protector.Unprotect(Convert.FromHexString(token)), LinkJson.Default.Ticket);
            return ticket is null || ticket.Expires <= time.GetUtcNow() ? null : ticket;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    // The ticket, spent: null when the token is not genuine, has expired, or was used before (here or on another instance).
    public async Task<Ticket?> SpendAsync(string? token, CancellationToken ct) =>
        Read(token) is { } ticket && await nonces.UseNonceAsync("dashboard|" + ticket.Nonce, ticket.Expires, ct) ? ticket : null;

    internal sealed record Ticket(string Nonce, string User, string Name, string Conversation, bool ChannelAdmin, DateTimeOffset Expires)
    {
        public string[]? Ids { get; init; }

        public DashboardViewer Viewer => new(User, Name, [Conversation]) { ChannelAdminOf = ChannelAdmin ? [Conversation] : [], Ids = Ids ?? [] };
    }
}

[JsonSerializable(typeof(SignInLinks.Ticket))]
internal sealed partial class LinkJson : JsonSerializerContext;
