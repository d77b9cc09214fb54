using System.Collections.Concurrent;

namespace QuizBot.Channels.Teams.Auth;

// Service URLs the bot may send its Bot Connector token to: those that arrived in an authenticated activity,
// plus Teams' own connector. Anything else could be an attacker's server collecting tokens.
internal sealed class TrustedServiceUrls
{
    // Every Teams region (amer, emea, apac, teams, ...) lives under this host.
    public const string TeamsConnector = "https://smba.trafficmanager.net/";

    private readonly ConcurrentDictionary<string, byte> _prefixes = new(StringComparer.Ordinal);

    public TrustedServiceUrls()
    {
        Trust(TeamsConnector);
    }

    public void Trust(string serviceUrl)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            _prefixes[Prefix(url, url.AbsolutePath)] = 0;
        }
    }

    // True when the URL lies under a trusted service URL, compared segment by segment so that
    // https://host/abc/ does not vouch for https://host/abcdef/.
    public bool IsTrusted(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return false;
        }
        var path = url.AbsolutePath;
        for (var end = path.IndexOf('/', StringComparison.Ordinal); end >= 0; end = path.IndexOf('/', end + 1))
        {
            if (_prefixes.ContainsKey(Prefix(url, path[..(end + 1)])))
            {
                return true;
            }
        }
        return _prefixes.ContainsKey(Prefix(url, path));
    }

    // Scheme and host are case-insensitive, the path is not; the port is always spelled out.
    private static string Prefix(Uri url, string path) =>
        $"{url.Scheme.ToUpperInvariant()}://{url.IdnHost.ToUpperInvariant()}:{url.Port}{(path.EndsWith('/') ? path : path + "/")}";
}
