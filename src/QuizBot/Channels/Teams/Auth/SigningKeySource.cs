using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace QuizBot.Channels.Teams.Auth;

// A key from a JWKS document with the channels that endorse it (Bot Framework's own extension to JWKS).
internal sealed record EndorsedKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);

// Signing keys behind one OpenID metadata URL. Refreshed daily and once on an unknown kid, but at most once per
// MinRefreshInterval so a stream of tokens with made-up kids cannot turn the bot into a load generator. A failed
// fetch is tried again sooner (FirstRetry, doubling up to MinRefreshInterval), so one transient failure, above all at
// start when there are no keys at all, does not refuse every request for minutes.
internal sealed partial class SigningKeySource(Uri metadataUrl, Func<HttpClient> httpClient, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyDictionary<string, EndorsedKey> _keys = new Dictionary<string, EndorsedKey>();
    // UtcTicks, 0 for never; read without the gate, so kept as longs that cannot tear.
    private long _lastAttempt;
    private long _lastSuccess;
    // Failed attempts since the last success: what decides how soon the next attempt may go (RetryAfter).
    private int _failures;

    public Uri MetadataUrl => metadataUrl;

    public async Task<EndorsedKey?> GetKeyAsync(string kid, CancellationToken ct)
    {
        var keys = _keys;
        var ok = Interlocked.Read(ref _lastSuccess);
        var stale = ok == 0 || time.GetUtcNow().UtcTicks - ok >= RefreshInterval.Ticks;
        if (!stale && keys.TryGetValue(kid, out var key))
        {
            return key;
        }
        await RefreshAsync(ct);
        return _keys.GetValueOrDefault(kid);
    }

    public void Dispose() => _gate.Dispose();

    // MinRefreshInterval after a success; FirstRetry after one failure, doubling with each further one up to it.
    private static TimeSpan RetryAfter(int failures) =>
        failures == 0 ? MinRefreshInterval : TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << (failures - 1), MinRefreshInterval.Ticks));

    private async Task RefreshAsync(CancellationToken ct)
    {
        var observed = Interlocked.Read(ref _lastAttempt);
        await _gate.WaitAsync(ct);
        try
        {
            // Someone else refreshed while we waited, or one did so too recently: use what is there.
            var now = time.GetUtcNow().UtcTicks;
            if (_lastAttempt != observed || (_lastAttempt != 0 && now - _lastAttempt < RetryAfter(_failures).Ticks))
            {
                return;
            }
            Interlocked.Exchange(ref _lastAttempt, now);
            try
            {
                _keys = await FetchAsync(ct);
                Interlocked.Exchange(ref _lastSuccess, now);
                _failures = 0;
                LogRefreshed(logger, metadataUrl, _keys.Count);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                // Old keys stay usable: an outage of the metadata endpoint should not lock every user out at once.
                _failures = Math.Min(_failures + 1, 16);
                LogRefreshFailed(logger, metadataUrl, e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, EndorsedKey>> FetchAsync(CancellationToken ct)
    {
        Uri jwksUri;
        using (var metadata = await GetJsonAsync(metadataUrl, ct))
        {
            var text = metadata.RootElement.TryGetProperty("jwks_uri", out var j) ? j.GetString() : null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out jwksUri!))
            {
                throw new InvalidOperationException($"The OpenID metadata at {metadataUrl} has no absolute jwks_uri.");
            }
        }
        using var jwks = await GetJsonAsync(jwksUri, ct);
        var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
        foreach (var element in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }
            var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                : [];
            keys[key.Kid] = new EndorsedKey(key, endorsements);
        }
        return keys;
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken ct)
    {
        // A client per fetch: the factory's pooled handlers then follow DNS changes over a long-lived process.
        using var response = await httpClient().GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await JsonDocument.ParseAsync(body, cancellationToken: ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys from {MetadataUrl} refreshed: {Count} keys")]
    private static partial void LogRefreshed(ILogger logger, Uri metadataUrl, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing keys from {MetadataUrl} could not be refreshed; the previous keys stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, Uri metadataUrl, Exception e);
}
