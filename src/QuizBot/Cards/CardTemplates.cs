using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Cards;

// TEMPORARY stand-in until the binder lands.
internal sealed class CardTemplates
{
    public static CardTemplates Load(string dir) => new();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    public JsonObject Render(string name, object data) =>
        new() { ["type"] = "AdaptiveCard", ["name"] = name, ["data"] = JsonSerializer.SerializeToNode(data, Web) };
}
