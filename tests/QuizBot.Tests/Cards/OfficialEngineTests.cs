using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cards;

// Our binder against the official engine (npm adaptivecards-templating) and every bound card against the official
// parser (npm adaptivecards). Outputs are compared as JSON with no normalisation: key order is the only freedom.
[Collection("node-cards")]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class OfficialEngineTests(NodeCards node)
{
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "teams"));

    public static TheoryData<string> TemplateNames() => [.. TemplateFolder.Names("teams")];

    // Adaptive Cards in Teams and Block Kit in Slack are bound by the same binder, so both folders hold to the engine.
    public static TheoryData<string, string> AllTemplates()
    {
        var all = new TheoryData<string, string>();
        foreach (var rendering in TemplateFolder.Renderings)
        {
            foreach (var name in TemplateFolder.Names(rendering))
            {
                all.Add(rendering, name);
            }
        }
        return all;
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Every_template_has_a_sample(string rendering, string name) =>
        Assert.True(File.Exists(TemplateFolder.SamplePath(rendering, name)), $"cards/{rendering}/samples/{name}.data.json is missing");

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task The_binder_expands_each_template_with_its_sample_exactly_as_the_official_engine(string rendering, string name)
    {
        var (template, data) = TemplateFolder.Read(rendering, name);

        var official = await node.ExpandAsync(template, data);
        var ours = CardTemplates.Load(Repo.Path("cards", rendering)).Render(name, data);

        Assert.True(JsonNode.DeepEquals(official, ours), $"{rendering}/{name}:\nofficial {official.ToJsonString()}\nours     {ours.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public async Task Each_template_bound_to_its_sample_parses_without_errors_or_warnings(string name)
    {
        var card = Templates.Render(name, Read(name).Data);

        Assert.Empty(await node.ParseAsync(card));
    }

    // The corners where our binder claims to behave like the official engine.
    [Theory]
    [InlineData("""{"a": "${missing}", "b": "x ${m.q} y", "c": "${$root.m.q}"}""", """{"m": {}}""")]
    [InlineData("""{"n": "${n}", "t": "${n} ${b} ${f} ${l}", "o": "${o}", "lit": "${1}"}""", """{"n": 3, "b": true, "f": 0.25, "l": ["a", 1], "o": {"k": null}}""")]
    [InlineData("""{"p": {"$when": "${x}"}, "q": {"$data": "${xs}", "v": "${$data}"}, "r": {"$data": "${one}", "v": "${$index}"}}""", """{"x": false, "xs": ["a", "b"], "one": [7]}""")]
    [InlineData("""{"body": [null, [1, [2]], "${xs}", {"$data": "${xs}", "i": "${$index}", "r": "${$root.k}"}, {"$data": "${none}"}]}""", """{"xs": [1, 2], "none": [], "k": "K"}""")]
    [InlineData("""{"w": [{"$when": "${!missing}"}, {"$when": "${missing == ''}"}, {"$when": "${count(missing) > 0}"}, {"$when": "${s}"}, {"$when": "${1 == 1}"}]}""", """{"s": "text"}""")]
    [InlineData("""{"v": "${!missing}", "e": "${missing == ''}", "c": "${count(missing)}", "d": "${a != 'x' && (b < 2 || c >= 3)}"}""", """{"a": "y", "b": 5, "c": 3}""")]
    [InlineData("""{"outer": [{"$data": "${rows}", "cells": [{"$data": "${cells}", "v": "${$data} ${$index} ${$root.title}"}]}]}""", """{"title": "T", "rows": [{"cells": ["a", "b"]}, {"cells": []}]}""")]
    public async Task The_binder_matches_the_official_engine_in_the_corners(string template, string data)
    {
        var t = JsonNode.Parse(template)!;
        var d = JsonNode.Parse(data)!;

        var official = await node.ExpandAsync(t, d);
        var ours = CardTemplates.FromJson("t", template).Render("t", d);

        Assert.True(JsonNode.DeepEquals(official, ours), $"official {official.ToJsonString()}\nours     {ours.ToJsonString()}");
    }

    [Fact]
    public async Task The_parser_does_report_problems_so_a_clean_result_means_something()
    {
        var card = JsonNode.Parse("""{"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "x", "weight": "Bold"}, {"type": "Carousel"}]}""")!;

        var problems = await node.ParseAsync(card);

        Assert.Equal(2, problems.Count);
    }

    private static (JsonNode Template, JsonNode Data) Read(string name) => TemplateFolder.Read("teams", name);
}
