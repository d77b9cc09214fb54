using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Each Slack template bound to its sample is a message Slack's own SDK types accept (the binder's agreement with the
// official templating engine is checked for both folders in Cards/OfficialEngineTests).
[Collection("node-cards")]
[Trait("Category", "External")]
public sealed class SlackViewsTemplatesTests
{
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "slack"));

    public static TheoryData<string> TemplateNames() => [.. TemplateFolder.Names("slack")];

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public async Task Each_template_bound_to_its_sample_is_a_valid_message(string name)
    {
        var message = Templates.Render(name, Read(name).Data);
        message["channel"] = "C1";

        await SlackBlockKit.AssertValidAsync("chat.postMessage", message, $"cards/slack/{name}.json with its sample");
    }

    [Fact]
    public void The_service_ships_the_slack_templates_but_not_their_samples()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "cards", "slack");

        var templates = Directory.EnumerateFiles(Repo.Path("cards", "slack"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(templates, Directory.EnumerateFiles(shipped, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(shipped, "samples")));
    }

    private static (JsonNode Template, JsonNode Data) Read(string name) => TemplateFolder.Read("slack", name);
}
