using System.Net;
using System.Text;

namespace QuizBot.Tests.Support;

// application/x-www-form-urlencoded as Slack writes it: spaces as '+', everything else outside [A-Za-z0-9-_.] as %XX.
public static class SlackForm
{
    public const string ContentType = "application/x-www-form-urlencoded";

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}")));
}
