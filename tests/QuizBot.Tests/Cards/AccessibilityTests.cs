using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cards;

// What a screen reader has to go on. A button titled "B" says nothing on its own; its tooltip carries the choice, which
// the official renderer puts in the button's title (read as its description: "B, button, Inference becomes slower").
public sealed class AccessibilityTests
{
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "teams"));

    [Theory]
    [InlineData("question", "Action.Execute")]
    [InlineData("question", "Action.Submit")]
    [InlineData("round-question", "Action.Execute")]
    [InlineData("round-question", "Action.Submit")]
    public void Every_answer_button_carries_its_full_choice_text_as_tooltip(string template, string actionType)
    {
        var data = JsonNode.Parse(File.ReadAllText(Repo.Path("cards", "teams", "samples", template + ".data.json")))!.AsObject();
        data["actionType"] = actionType;
        var choices = data["choices"]!.AsArray();

        var card = Templates.Render(template, data);

        var buttons = Actions(card).ToList();
        Assert.Equal(choices.Count, buttons.Count);
        foreach (var button in buttons)
        {
            var choice = choices.Single(c => c!["label"]!.GetValue<string>() == button["title"]!.GetValue<string>())!;
            Assert.Equal(choice["text"]!.GetValue<string>(), button["tooltip"]?.GetValue<string>());
        }
    }

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" => [o],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };
}
