using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using QuizBot.Chat;
using QuizBot.Http;

namespace QuizBot.Channels.Slack;

// A file a person shared with the bot (a DM upload, message subtype file_share): fetched from its url_private_download
// with the workspace's bot token as a bearer (scope files:read), as Slack requires. The token goes only to Slack's file
// host, or to the configured API host (a stand-in in tests), never to a URL an event merely names.
internal sealed class SlackFiles(SlackTokens tokens, FileDownload download, IOptions<SlackOptions> options)
{
    public const string FileHost = "files.slack.com";

    public IncomingFile? From(string team, SlackEvent e)
    {
        if (e.Files is not { Count: > 0 } files || files[0] is not { } file)
        {
            return null;
        }
        var name = string.IsNullOrWhiteSpace(file.Name) ? file.Title ?? "the file" : file.Name;
        var url = Uri.TryCreate(file.UrlPrivateDownload ?? file.UrlPrivate, UriKind.Absolute, out var parsed) ? parsed : null;
        return new IncomingFile(name, file.Size, ct => DownloadAsync(team, url, ct));
    }

    public bool IsAllowed(Uri url)
    {
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }
        if (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.Equals(url.Host, FileHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out var api)
            && url.Scheme == api.Scheme && url.Port == api.Port && string.Equals(url.Host, api.Host, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<byte[]> DownloadAsync(string team, Uri? url, CancellationToken ct)
    {
        if (url is null)
        {
            throw new FileDownloadException("Slack sent no address to download it from");
        }
        if (!IsAllowed(url))
        {
            throw new FileDownloadException("its address is not one of Slack's file addresses");
        }
        var token = await tokens.BotTokenAsync(team, ct) ?? throw new FileDownloadException("QuizBot is not installed in this workspace any more");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await download.GetAsync(request, ct);
    }
}
