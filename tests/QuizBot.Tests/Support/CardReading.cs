using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// Reads cards as a person sees them: the words shown and the buttons' data, wherever the template puts them.
public static class CardReading
{
    public static string Words(JsonNode card) =>
        string.Join("\n", Walk(card).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()));

    // The data objects of every button that performs the given action, in card order.
    public static List<JsonObject> Buttons(JsonNode card, string action) =>
        Walk(card).OfType<JsonObject>()
            .Where(o => o["action"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == action)
            .ToList();

    public static JsonObject Button(JsonNode card, string action, int choice) =>
        Buttons(card, action).Single(b => b["c"]!.GetValue<int>() == choice);

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var n in Walk(child))
            {
                yield return n;
            }
        }
    }
}
