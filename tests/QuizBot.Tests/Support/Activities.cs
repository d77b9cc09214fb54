using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// Activities shaped as Teams and Web Chat send them (ids, serviceUrl, conversation, from, recipient).
public sealed class Activities(string serviceUrl, string channelId = "msteams", string conversationId = "a:1on1-conversation;messageid=1",
    string userId = "29:ada", string userName = "Ada", string conversationType = "personal")
{
    private int _next;

    public JsonObject Message(string text) => Base("message", text: text);

    // A message that @mentions people, as Teams sends it: <at> tags in the text and one mention entity each.
    public JsonObject Message(string text, params (string Id, string Name)[] mentions)
    {
        var activity = Base("message", text: text);
        activity["entities"] = new JsonArray([.. mentions.Select(m => (JsonNode)new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{m.Name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = m.Id, ["name"] = m.Name },
        })]);
        return activity;
    }

    // A file sent to the bot in a personal chat (supportsFiles): Teams' file download info attachment, no text.
    public JsonObject File(string name, string downloadUrl)
    {
        var activity = Base("message");
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/ada/Documents/Microsoft%20Teams%20Chat%20Files/" + Uri.EscapeDataString(name),
            ["name"] = name,
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = downloadUrl,
                ["uniqueId"] = Guid.NewGuid().ToString().ToUpperInvariant(),
                ["fileType"] = Path.GetExtension(name).TrimStart('.'),
            },
        });
        return activity;
    }

    public JsonObject Submit(JsonNode data) => Base("message", value: data.DeepClone());

    public JsonObject Invoke(JsonNode data, string verb = "answer") => Base("invoke", value: new JsonObject
    {
        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
        ["trigger"] = "manual",
    }, name: "adaptiveCard/action");

    // The bot added to the conversation, as Teams, Web Chat and the Emulator announce it.
    public JsonObject BotAdded()
    {
        var activity = Base("conversationUpdate");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:quizbot", ["name"] = "QuizBot" });
        return activity;
    }

    // Teams' installationUpdate: action "add" or "remove".
    public JsonObject Installation(string action)
    {
        var activity = Base("installationUpdate");
        activity["action"] = action;
        return activity;
    }

    public Activities For(string otherUserId, string otherName) => new(serviceUrl, channelId, conversationId, otherUserId, otherName, conversationType);

    private JsonObject Base(string type, string? text = null, JsonNode? value = null, string? name = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"activity-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}",
            ["timestamp"] = "2026-11-02T09:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = "aad-" + userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = "tenant-1" },
            ["recipient"] = new JsonObject { ["id"] = "28:quizbot", ["name"] = "QuizBot" },
            ["locale"] = "en-US",
        };
        if (text is not null) activity["text"] = text;
        if (value is not null) activity["value"] = value;
        if (name is not null) activity["name"] = name;
        return activity;
    }
}
