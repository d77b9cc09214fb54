using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Tests.Support;

// Files shared in Slack: the file object a file_share event carries, and its url_private_download, which answers only
// a request with a valid bot token as a bearer (Slack's files:read scope). Without one, Slack sends the client to the
// workspace's sign-in page instead of the bytes.
public sealed partial class SlackStandIn
{
    public const string FileDownloadMethod = "files.download";

    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _fileObjects = new(StringComparer.Ordinal);
    private int _nextFile;

    // Stores the bytes and returns the file object as Slack puts it in files[] of the message event.
    public JsonObject AddFile(string name, byte[] content, long? statedSize = null)
    {
        var id = $"F0{Interlocked.Increment(ref _nextFile):D8}";
        lock (_lock) { _files[id] = content; }
        var path = $"{BaseUrl}files-pri/{TeamId}-{id}";
        var file = new JsonObject
        {
            ["id"] = id,
            ["created"] = 1700000001,
            ["timestamp"] = 1700000001,
            ["name"] = name,
            ["title"] = name,
            ["mimetype"] = "text/plain",
            ["filetype"] = Path.GetExtension(name).TrimStart('.'),
            ["pretty_type"] = "Plain Text",
            ["user"] = "U0ALICE",
            ["user_team"] = TeamId,
            ["editable"] = true,
            ["size"] = statedSize ?? content.Length,
            ["mode"] = "snippet",
            ["is_external"] = false,
            ["external_type"] = "",
            ["is_public"] = false,
            ["public_url_shared"] = false,
            ["display_as_bot"] = false,
            ["username"] = "",
            ["url_private"] = $"{path}/{Uri.EscapeDataString(name)}",
            ["url_private_download"] = $"{path}/download/{Uri.EscapeDataString(name)}",
            ["permalink"] = $"https://standin.slack.com/files/U0ALICE/{id}/{Uri.EscapeDataString(name)}",
            ["is_starred"] = false,
            ["has_rich_preview"] = false,
            ["file_access"] = "visible",
        };
        lock (_lock) { _fileObjects[id] = (JsonObject)file.DeepClone(); }
        return file;
    }

    // What an event carries instead of the file when Slack wants the app to ask (file_access "check_file_info").
    public static JsonObject CheckFileInfo(JsonObject file) => new()
    {
        ["id"] = file["id"]!.GetValue<string>(),
        ["mode"] = "file_access",
        ["file_access"] = "check_file_info",
        ["created"] = 0,
        ["timestamp"] = 0,
        ["user"] = "",
        ["filetype"] = "",
    };

    // files.info: the whole file object, to a valid token (the check is the caller's, as for every method).
    private JsonObject FilesInfo(JsonObject body)
    {
        var id = Field(body, "file");
        return id is not null && _fileObjects.TryGetValue(id, out var file)
            ? Ok(new JsonObject { ["file"] = file.DeepClone() })
            : Error("file_not_found");
    }

    private async Task ServeFileAsync(HttpContext http, string teamAndId, string name)
    {
        var bearer = http.Request.Headers.Authorization.ToString();
        var token = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer["Bearer ".Length..] : null;
        var id = teamAndId[(teamAndId.IndexOf('-', StringComparison.Ordinal) + 1)..];
        byte[]? content;
        lock (_lock) { content = _files.GetValueOrDefault(id); }
        var problem = TokenProblem(token);
        var status = problem is not null ? StatusCodes.Status302Found : content is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        Record(new SlackCall(FileDownloadMethod, new JsonObject { ["file"] = id, ["name"] = name }, _time.GetUtcNow(), bearer, status, problem));
        if (problem is not null)
        {
            http.Response.Redirect("https://standin.slack.com/?redir=" + Uri.EscapeDataString(http.Request.Path));
            return;
        }
        if (content is null)
        {
            http.Response.StatusCode = status;
            return;
        }
        http.Response.ContentType = "application/octet-stream";
        http.Response.Headers.ContentLength = content.Length;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"" + name.Replace("\"", "", StringComparison.Ordinal) + "\"";
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }
}
