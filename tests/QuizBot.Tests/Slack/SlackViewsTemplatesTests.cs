using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The Slack templates bind with our binder exactly as with the official Adaptive Cards Templating engine (npm
// adaptivecards-templating), so cards/slack can be edited with the same tools and rules as cards/teams.
[Collection("node-cards")]
[Trait("Category", "External")]
public sealed class SlackViewsTemplatesTests(NodeCards node)
{
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "slack"));

    public static TheoryData<string> TemplateNames() =>
        [.. Directory.EnumerateFiles(Repo.Path("cards", "slack"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_has_a_sample(string name) =>
        Assert.True(File.Exists(Repo.Path("cards", "slack", "samples", name + ".data.json")), $"cards/slack/samples/{name}.data.json is missing");

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public async Task The_binder_expands_each_template_with_its_sample_exactly_as_the_official_engine(string name)
    {
        var (template, data) = Read(name);

        var official = await node.ExpandAsync(template, data);
        var ours = Templates.Render(name, data);

        Assert.True(JsonNode.DeepEquals(official, ours), $"{name}:\nofficial {official.ToJsonString()}\nours     {ours.ToJsonString()}");
    }

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

    private static (JsonNode Template, JsonNode Data) Read(string name) =>
        (JsonNode.Parse(File.ReadAllText(Repo.Path("cards", "slack", name + ".json")))!,
         JsonNode.Parse(File.ReadAllText(Repo.Path("cards", "slack", "samples", name + ".data.json")))!);
}
