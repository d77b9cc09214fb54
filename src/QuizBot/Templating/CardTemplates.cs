using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Templating;

// The Adaptive Card templates in cards/*.json, compiled once at start-up and bound to view data per card.
// Binding follows Adaptive Cards Templating (checked against the official JavaScript engine in the tests).
internal sealed class CardTemplates
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Dictionary<string, TemplateNode> _templates;

    private CardTemplates(Dictionary<string, TemplateNode> templates) => _templates = templates;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    // Reads every *.json in the folder (not its subfolders, where samples live). Throws on the first template
    // that is not valid JSON or uses something the binder does not support, naming the file and the expression.
    public static CardTemplates Load(string dir)
    {
        var templates = new Dictionary<string, TemplateNode>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            templates[name] = Compile(Path.GetFileName(path), File.ReadAllText(path));
        }
        if (templates.Count == 0)
        {
            throw new CardTemplateException($"No card templates (*.json) found in {dir}.");
        }
        return new CardTemplates(templates);
    }

    // One template from text, for tests and tools; errors name it as <name>.json.
    public static CardTemplates FromJson(string name, string json) => new(new() { [name] = Compile(name + ".json", json) });

    public JsonObject Render(string name, object data)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new KeyNotFoundException($"There is no card template named '{name}'.");
        }
        var root = data as JsonNode ?? JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(data, Web));
        return template.Expand(new Scope(root, root, null)) as JsonObject
            ?? throw new CardTemplateException($"Card template '{name}' did not produce a JSON object for this data.");
    }

    private static TemplateNode Compile(string file, string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: Lenient);
        }
        catch (JsonException e)
        {
            throw new CardTemplateException($"Card template '{file}' is not valid JSON: {e.Message}");
        }
        if (node is not JsonObject)
        {
            throw new CardTemplateException($"Card template '{file}' must be a JSON object.");
        }
        return TemplateCompiler.Compile(file, node);
    }
}
