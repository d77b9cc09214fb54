using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams.Auth;

// Checks the Bearer token on POST /api/messages. Two issuers reach a bot: the channel service (Teams, Web Chat)
// and Entra ID for tokens the Emulator or Agents Playground mint with the bot's own credentials.
internal sealed partial class BotRequestAuthenticator : IDisposable
{
    public const string MetadataHttpClient = "bot-auth-metadata";
    public const string ChannelIssuer = "https://api.botframework.com";

    // The Bot Framework's own tenants; a single-tenant bot also accepts its own.
    private static readonly string[] EmulatorTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly TrustedServiceUrls _trusted;
    private readonly ILogger _log;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new();

    public BotRequestAuthenticator(IOptions<BotAuthOptions> options, IHttpClientFactory httpClients, TimeProvider time,
        TrustedServiceUrls trusted, ILogger<BotRequestAuthenticator> log)
    {
        _options = options.Value;
        _time = time;
        _trusted = trusted;
        _log = log;
        HttpClient Http() => httpClients.CreateClient(MetadataHttpClient);
        _channelKeys = new SigningKeySource(_options.ChannelOpenIdMetadataUrl, Http, time, log);
        _emulatorKeys = new SigningKeySource(_options.EmulatorOpenIdMetadataUrl, Http, time, log);
        var tenants = EmulatorTenants.ToList();
        if (_options.AuthenticationEnabled && _options.AppType == BotAppType.SingleTenant)
        {
            tenants.Add(_options.MicrosoftAppTenantId!);
        }
        _emulatorIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }),
            StringComparer.Ordinal);
    }

    public async Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl,
        string? tenantId, CancellationToken ct) =>
        Bind(await VerifyTokenAsync(authorizationHeader, ct), channelId, serviceUrl, tenantId);

    // The first half, before the body is read: signature, issuer, audience and expiry need nothing from it, so a junk
    // token is refused without reading or parsing a byte of the body.
    public async Task<VerifiedToken> VerifyTokenAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (!_options.AuthenticationEnabled)
        {
            return VerifiedToken.Off;
        }
        var verified = await CheckTokenAsync(authorizationHeader, ct);
        if (verified.Failure is not null)
        {
            LogRefused(_log, null, null, LogText.Safe(verified.Failure));
        }
        return verified;
    }

    // The second half, once the body is read: the claims that bind the token to the activity (its channel, serviceUrl
    // and, with an allow-list, tenant).
    public BotAuthResult Bind(VerifiedToken verified, string? channelId, string? serviceUrl, string? tenantId)
    {
        if (verified.IsOff)
        {
            return new BotAuthResult(true, null, null);
        }
        if (verified.Failure is not null)
        {
            return BotAuthResult.Fail(verified.Failure);
        }
        var result = CheckBinding(verified, channelId, serviceUrl, tenantId);
        if (result.Succeeded && serviceUrl is not null)
        {
            _trusted.Trust(serviceUrl);
        }
        else if (!result.Succeeded)
        {
            LogRefused(_log, LogText.Safe(channelId), LogText.Safe(serviceUrl), LogText.Safe(result.Failure));
        }
        return result;
    }

    public void Dispose()
    {
        _channelKeys.Dispose();
        _emulatorKeys.Dispose();
    }

    private async Task<VerifiedToken> CheckTokenAsync(string? header, CancellationToken ct)
    {
        const string Scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(header))
        {
            return VerifiedToken.Fail("The request has no Authorization header.");
        }
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return VerifiedToken.Fail("The Authorization header is not a Bearer token.");
        }
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(header[Scheme.Length..].Trim());
        }
        catch (ArgumentException)
        {
            return VerifiedToken.Fail("The Bearer token is not a well-formed JWT.");
        }

        // The unverified issuer only picks which keys and rules apply; the signature check below covers it.
        var fromChannel = string.Equals(token.Issuer, ChannelIssuer, StringComparison.Ordinal);
        if (!fromChannel && !_emulatorIssuers.Contains(token.Issuer))
        {
            return VerifiedToken.Fail($"The token's issuer '{token.Issuer}' is not trusted.");
        }
        if (string.IsNullOrEmpty(token.Kid))
        {
            return VerifiedToken.Fail("The token names no signing key (kid).");
        }
        var key = await (fromChannel ? _channelKeys : _emulatorKeys).GetKeyAsync(token.Kid, ct);
        if (key is null)
        {
            return VerifiedToken.Fail($"The token's signing key '{token.Kid}' is not published by the issuer.");
        }

        var appId = _options.MicrosoftAppId!;
        var validation = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = fromChannel ? [ChannelIssuer] : _emulatorIssuers,
            ValidAudience = appId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = TokenLifetime.Skew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = TokenLifetime.On(_time),
        });
        if (!validation.IsValid)
        {
            return VerifiedToken.Fail($"The token is not valid: {validation.Exception?.GetType().Name}: {validation.Exception?.Message}");
        }

        return new VerifiedToken(token, key, fromChannel, null);
    }

    private BotAuthResult CheckBinding(VerifiedToken verified, string? channelId, string? serviceUrl, string? tenantId)
    {
        var (token, key, fromChannel) = (verified.Token!, verified.Key!, verified.FromChannel);
        var appId = _options.MicrosoftAppId!;
        if (fromChannel || key.Endorsements.Count > 0)
        {
            // Keys are endorsed per channel, so a key meant for another channel cannot vouch for this one.
            if (string.IsNullOrEmpty(channelId) || !key.Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
            {
                return BotAuthResult.Fail($"The signing key is not endorsed for channel '{channelId}'.");
            }
        }
        var failure = fromChannel ? CheckServiceUrl(token, serviceUrl) : CheckEmulatorApp(token, appId);
        if (failure is not null)
        {
            return BotAuthResult.Fail(failure);
        }
        if (_options.AllowedTenants.Count > 0 &&
            (tenantId is null || !_options.AllowedTenants.Contains(tenantId.Trim(), StringComparer.OrdinalIgnoreCase)))
        {
            return BotAuthResult.Fail($"Tenant '{tenantId}' is not in QuizBot:AllowedTenants.");
        }
        return new BotAuthResult(true, null, appId);
    }

    // A token is bound to the service URL it was issued for, so a replayed token cannot redirect the bot's replies.
    private static string? CheckServiceUrl(JsonWebToken token, string? serviceUrl)
    {
        var claimed = token.TryGetPayloadValue<string>("serviceurl", out var s) ? s : null;
        if (string.IsNullOrEmpty(claimed))
        {
            return "The channel token has no serviceurl claim.";
        }
        return serviceUrl is not null && string.Equals(claimed.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The token's serviceurl '{claimed}' differs from the activity's serviceUrl '{serviceUrl}'.";
    }

    // Entra tokens carry the caller's app id in appid (v1.0) or azp (v2.0): it must be the bot itself.
    private static string? CheckEmulatorApp(JsonWebToken token, string appId)
    {
        var version = token.TryGetPayloadValue<string>("ver", out var v) ? v : null;
        var claim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (claim is null)
        {
            return $"The token's version '{version}' is not 1.0 or 2.0.";
        }
        var caller = token.TryGetPayloadValue<string>(claim, out var c) ? c : null;
        return string.Equals(caller, appId, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The token's {claim} '{caller}' is not this bot's app id.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request from channel {ChannelId} ({ServiceUrl}): {Failure}")]
    private static partial void LogRefused(ILogger logger, string? channelId, string? serviceUrl, string? failure);
}
