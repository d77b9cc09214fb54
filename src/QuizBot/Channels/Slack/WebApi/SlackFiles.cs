using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QuizBot.Chat;
using QuizBot.Http;

namespace QuizBot.Channels.Slack;

// A file a person shared with the bot (a DM upload, message subtype file_share): fetched from its url_private_download
// with the workspace's bot token as a bearer (scope files:read), as Slack requires. The token goes only to Slack's file
// host, or to the configured API host (a stand-in in tests), never to a URL an event merely names.
internal sealed class SlackFiles(SlackTokens tokens, SlackWebApi api, FileDownload download, IOptions<SlackOptions> options)
{
    public const string FileHost = "files.slack.com";

    // The first file of the message, or null when it carries none.
    public async Task<IncomingFile?> FromAsync(string team, SlackEvent e, CancellationToken ct)
    {
        if (e.Files is not { Count: > 0 } files || files[0] is not { } file)
        {
            return null;
        }
        // file_access "check_file_info": Slack sent only the id, and files.info gives the rest (the name included, which
        // says the format before anything is downloaded).
        if (file is { UrlPrivateDownload: null, UrlPrivate: null, Name: null, Id: { } id })
        {
            file = await InfoAsync(team, id, ct) ?? file;
        }
        var name = string.IsNullOrWhiteSpace(file.Name) ? file.Title ?? "the file" : file.Name;
        var url = Uri.TryCreate(file.UrlPrivateDownload ?? file.UrlPrivate, UriKind.Absolute, out var parsed) ? parsed : null;
        return new IncomingFile(name, file.Size, token => DownloadAsync(team, url, token));
    }

    // Null when Slack will not say (the download then reports that it has no address).
    private async Task<SlackFile?> InfoAsync(string team, string id, CancellationToken ct)
    {
        try
        {
            var info = await api.CallAsync(team, "files.info", new JsonObject { ["file"] = id }, null, ct);
            return info["file"]?.Deserialize(SlackJson.Default.SlackFile);
        }
        catch (SlackApiException)
        {
            return null;
        }
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
