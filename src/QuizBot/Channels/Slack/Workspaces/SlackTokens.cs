using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using QuizBot.Storage;

namespace QuizBot.Channels.Slack;

// Which bot token speaks for a workspace: the one it stored when it installed the app by OAuth, else Slack:BotToken
// (single-workspace mode), and none once it uninstalled or revoked the app. Tokens are stored protected by the shared
// key ring and kept in memory for a minute, so a burst of posts costs one store read per workspace.
internal sealed partial class SlackTokens(
    IOptions<SlackOptions> options, IInstallStore store, IDataProtectionProvider protection, TimeProvider time, ILogger<SlackTokens> log)
{
    public const string Channel = "slack";

    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("QuizBot.Slack.BotToken.v1");
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string? Token, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    // Null: the app is not installed there (or was uninstalled); nothing may be sent to that workspace.
    public async ValueTask<string?> BotTokenAsync(string team, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_known.TryGetValue(team, out var known) && known.Until > now)
            {
                return known.Token;
            }
        }
        var install = string.IsNullOrEmpty(team) ? null : await store.GetInstallAsync(Channel, team, ct);
        var token = install switch
        {
            { RevokedAt: not null } => null,
            { ProtectedToken: { } stored } => Unprotect(team, stored),
            _ => options.Value.HasBotToken ? options.Value.BotToken : null,
        };
        lock (_lock)
        {
            _known[team] = (token, now + Remembered);
        }
        return token;
    }

    public string Protect(string token) => _protector.Protect(token);

    // After an install or a revocation on this instance: the next call reads the store again.
    public void Forget(string team)
    {
        lock (_lock)
        {
            _known.Remove(team);
        }
    }

    private string Unprotect(string team, string stored)
    {
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            // The key ring this token was protected with is not the one this instance reads: an operator must fix
            // the shared key ring (or the workspace installs again). Not "gone": the workspace still has the app.
            LogUnreadable(log, team, e);
            throw new SlackApiException("token", "token_unreadable");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored Slack token of workspace {Team} cannot be read with this instance's key ring; check DataProtection settings")]
    private static partial void LogUnreadable(ILogger logger, string team, Exception e);
}
