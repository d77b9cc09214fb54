using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cards;

public sealed class TemplateLoadTests
{
    [Theory]
    [InlineData("""{"t": "${upper(name)}"}""", "upper(name)")]
    [InlineData("""{"t": "${items[0]}"}""", "items[0]")]
    [InlineData("""{"t": "${n + 1}"}""", "n + 1")]
    [InlineData("""{"t": "${a ? b : c}"}""", "a ? b : c")]
    [InlineData("""{"t": "Hi ${name"}""", "Hi ${name")]
    [InlineData("""{"t": "${$host.x}"}""", "$host.x")]
    [InlineData("""{"t": "${}"}""", "${}")]
    [InlineData("""{"t": "`${name}`"}""", "`${name}`")]
    [InlineData("""{"body": [{"$data": "rows", "text": "x"}]}""", "rows")]
    [InlineData("""{"body": [{"$when": "${a} and ${b}", "text": "x"}]}""", "${a} and ${b}")]
    public void Unsupported_syntax_fails_at_load_naming_the_template_and_the_expression(string template, string expression)
    {
        var e = Assert.Throws<CardTemplateException>(() => CardTemplates.FromJson("broken", template));

        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expression, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_folder_stops_at_a_bad_template_and_names_its_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("good.json"), """{"type": "AdaptiveCard", "body": [{"type": "TextBlock", "text": "${x}"}]}""");
        File.WriteAllText(dir.File("bad.json"), """{"type": "AdaptiveCard", "body": [{"type": "TextBlock", "text": "${join(xs, ', ')}"}]}""");

        var e = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(dir.Path));

        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("join(xs, ', ')", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[0].text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_fails_at_load_naming_the_file()
    {
        var e = Assert.Throws<CardTemplateException>(() => CardTemplates.FromJson("oops", """{"type": """));

        Assert.Contains("oops.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cards_folder_loads_every_template_and_no_sample()
    {
        var templates = CardTemplates.Load(Repo.Path("cards", "teams"));

        string[] expected = ["bank-choice", "board", "disputes", "missed", "question", "result", "review", "round-closed", "round-question",
            "round-result", "schedule-form", "stats", "welcome"];
        Assert.Equal(expected, templates.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_service_ships_the_templates_without_the_samples()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "cards", "teams");

        Assert.True(File.Exists(Path.Combine(shipped, "question.json")));
        Assert.False(Directory.Exists(Path.Combine(shipped, "samples")));
    }
}
