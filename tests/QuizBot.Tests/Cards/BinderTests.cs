using System.Text.Json.Nodes;
using QuizBot.Templating;

namespace QuizBot.Tests.Cards;

public sealed class BinderTests
{
    private static JsonNode Bind(string template, string data) =>
        CardTemplates.FromJson("t", template).Render("t", JsonNode.Parse(data)!);

    [Fact]
    public void A_path_reads_nested_values_and_root_stays_reachable_inside_a_repeat()
    {
        var card = Bind("""
            {"a": "${user.name}", "items": [{"$data": "${items}", "v": "${$data.n} of ${$root.total} at ${$index}"}]}
            """, """{"user": {"name": "Ada"}, "total": 2, "items": [{"n": 1}, {"n": 2}]}""");

        Assert.Equal("Ada", card["a"]!.GetValue<string>());
        Assert.Equal(["1 of 2 at 0", "2 of 2 at 1"], card["items"]!.AsArray().Select(i => i!["v"]!.GetValue<string>()));
    }

    [Fact]
    public void A_string_that_is_one_expression_keeps_the_values_json_type()
    {
        var card = Bind("""{"n": "${n}", "b": "${b}", "o": "${o}", "l": "${l}", "s": "${s}"}""",
            """{"n": 3, "b": true, "o": {"action": "start", "bank": null}, "l": [1, "x"], "s": "text"}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"n": 3, "b": true, "o": {"action": "start", "bank": null}, "l": [1, "x"], "s": "text"}"""), card));
    }

    [Fact]
    public void Expressions_inside_longer_text_are_written_as_javascript_would()
    {
        var card = Bind("""{"t": "${n} answers, ${b}, ${half}, ${l}"}""", """{"n": 12, "b": false, "half": 0.5, "l": ["a", "b"]}""");

        Assert.Equal("12 answers, false, 0.5, a,b", card["t"]!.GetValue<string>());
    }

    [Fact]
    public void Data_repeats_an_object_per_item_and_splices_the_copies_into_the_array()
    {
        var card = Bind("""{"body": ["first", {"$data": "${lines}", "text": "${$data}"}, "last"]}""", """{"lines": ["one", "two"]}""");

        Assert.Equal("""["first",{"text":"one"},{"text":"two"},"last"]""", card["body"]!.ToJsonString());
    }

    [Fact]
    public void Data_over_an_empty_list_leaves_nothing_behind()
    {
        var card = Bind("""{"body": [{"$data": "${rows}", "text": "${name}"}]}""", """{"rows": []}""");

        Assert.Empty(card["body"]!.AsArray());
    }

    [Theory]
    [InlineData("${show}", """{"show": true}""", true)]
    [InlineData("${show}", """{"show": false}""", false)]
    [InlineData("${!show}", """{"show": false}""", true)]
    [InlineData("${kind == 'Action.Execute'}", """{"kind": "Action.Execute"}""", true)]
    [InlineData("${kind != 'Action.Execute'}", """{"kind": "Action.Execute"}""", false)]
    [InlineData("${note != ''}", """{"note": ""}""", false)]
    [InlineData("${count(list) > 0}", """{"list": [1]}""", true)]
    [InlineData("${count(list) == 0}", """{"list": [1]}""", false)]
    [InlineData("${a && (b || !c)}", """{"a": true, "b": false, "c": false}""", true)]
    [InlineData("${word}", """{"word": "yes"}""", false)] // only a real true keeps the object
    [InlineData("${missing}", """{}""", false)]
    public void When_keeps_an_object_only_if_the_condition_is_true(string condition, string data, bool kept)
    {
        var card = Bind($$"""{"body": [{"$when": "{{condition}}", "type": "TextBlock"}]}""", data);

        Assert.Equal(kept ? 1 : 0, card["body"]!.AsArray().Count);
    }

    [Fact]
    public void An_index_condition_splits_a_repeat_between_two_places()
    {
        var card = Bind("""{"first": [{"$data": "${xs}", "$when": "${$index < 2}", "v": "${$data}"}], "rest": [{"$data": "${xs}", "$when": "${$index >= 2}", "v": "${$data}"}]}""",
            """{"xs": ["a", "b", "c"]}""");

        Assert.Equal(2, card["first"]!.AsArray().Count);
        Assert.Equal("c", card["rest"]![0]!["v"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_path_is_left_in_the_text_as_the_official_engine_does()
    {
        var card = Bind("""{"a": "${nope}", "b": "Hi ${user.nope}!"}""", """{"user": {}}""");

        Assert.Equal("${nope}", card["a"]!.GetValue<string>());
        Assert.Equal("Hi ${user.nope}!", card["b"]!.GetValue<string>());
    }

    [Fact]
    public void An_object_property_dropped_by_when_becomes_null_as_in_the_official_engine()
    {
        var card = Bind("""{"selectAction": {"$when": "${false == true}", "type": "Action.Submit"}}""", "{}");

        Assert.True(card.AsObject().ContainsKey("selectAction"));
        Assert.Null(card["selectAction"]);
    }

    [Fact]
    public void Rendering_twice_gives_independent_cards()
    {
        var templates = CardTemplates.FromJson("t", """{"fixed": {"type": "TextBlock", "text": "same"}, "v": "${v}"}""");
        var first = templates.Render("t", new { v = 1 });
        first["fixed"]!["text"] = "changed";

        var second = templates.Render("t", new { v = 2 });

        Assert.Equal("same", second["fixed"]!["text"]!.GetValue<string>());
        Assert.Equal(2, second["v"]!.GetValue<long>());
    }

    [Fact]
    public void Anonymous_objects_are_bound_with_camel_case_names()
    {
        var card = CardTemplates.FromJson("t", """{"t": "${bankTitle}: ${questionCount}"}""").Render("t", new { BankTitle = "Models", QuestionCount = 10 });

        Assert.Equal("Models: 10", card["t"]!.GetValue<string>());
    }

    [Fact]
    public void Rendering_an_unknown_template_names_it()
    {
        var templates = CardTemplates.FromJson("t", "{}");

        var e = Assert.Throws<KeyNotFoundException>(() => templates.Render("nope", new { }));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }
}
