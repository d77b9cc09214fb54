using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Http;

namespace QuizBot.Channels.Teams;

// A file a person sends the bot in a personal chat (the app manifest's supportsFiles) arrives as an attachment of this
// type: name, and content {downloadUrl, uniqueId, fileType}. downloadUrl is pre-authenticated and short-lived, so it is
// fetched at once and without the bot's token (which goes only to the connector).
internal sealed class TeamsFiles(FileDownload download)
{
    public const string DownloadInfoType = "application/vnd.microsoft.teams.file.download.info";

    // The first file of the activity, or null when it carries none (cards, inline images and plain text are not files).
    // Only Teams sends this shape, and there the Bot Framework service, not the client, writes the activity: on Web Chat
    // or Direct Line anyone could name any URL for the bot to fetch.
    public IncomingFile? From(Activity a)
    {
        var attachment = a.ChannelId == "msteams" ? a.Attachments?.FirstOrDefault(x => x.ContentType == DownloadInfoType) : null;
        if (attachment is null)
        {
            return null;
        }
        var url = attachment.Content is JsonObject content && content["downloadUrl"] is JsonValue v && v.TryGetValue<string>(out var text)
            && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        var name = string.IsNullOrWhiteSpace(attachment.Name) ? "the file" : attachment.Name;
        return new IncomingFile(name, null, ct => url is null
            ? throw new FileDownloadException("Teams sent no address to download it from")
            : download.GetAsync(new HttpRequestMessage(HttpMethod.Get, url), ct));
    }
}
