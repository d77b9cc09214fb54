using System.Text.Json.Nodes;

namespace QuizBot.Templating;

// Turns a template's JSON into TemplateNodes once, refusing at load anything the binder would not render as
// the official engine does.
internal static class TemplateCompiler
{
    // Keys the official engine treats as its own; $data and $when are the two QuizBot uses.
    private static readonly HashSet<string> Reserved = ["$root", "$index", "$host", "$_acTemplateVersion"];

    public static TemplateNode Compile(string template, JsonNode? json) => Node(template, json, "$");

    private static TemplateNode Node(string template, JsonNode? json, string where) => json switch
    {
        JsonObject o => Object(template, o, where),
        JsonArray a => Array(template, a, where),
        JsonValue v when v.TryGetValue<string>(out var s) => Text(template, s, where),
        _ => new LiteralNode(json?.DeepClone()),
    };

    private static TemplateNode Object(string template, JsonObject o, string where)
    {
        Expr? data = null, when = null;
        var properties = new List<KeyValuePair<string, TemplateNode>>();
        foreach (var (key, value) in o)
        {
            var at = $"{where}.{key}";
            if (key is "$data" or "$when")
            {
                var expr = WholeExpression(template, value, at)
                    ?? throw CardTemplateException.At(template, at, value?.ToJsonString(), $"{key} must be a single \"${{...}}\" expression");
                (data, when) = key == "$data" ? (expr, when) : (data, expr);
            }
            else if (Reserved.Contains(key))
            {
                throw CardTemplateException.At(template, at, null, $"the key {key} is not supported");
            }
            else
            {
                properties.Add(new(key, Node(template, value, at)));
            }
        }
        var node = new ObjectNode([.. properties], data, when);
        return data is null && when is null && properties.All(p => p.Value is LiteralNode) ? Freeze(node) : node;
    }

    private static TemplateNode Array(string template, JsonArray a, string where)
    {
        TemplateNode[] items = [.. a.Select((item, i) => Node(template, item, $"{where}[{i}]"))];
        var node = new ArrayNode(items);
        return items.All(n => n is LiteralNode) ? Freeze(node) : node;
    }

    // A subtree without expressions expands the same every time: expand it once (which also applies the engine's
    // normalisation of nested arrays and nulls) and clone that.
    private static LiteralNode Freeze(TemplateNode node) => new(node.Expand(default));

    private static TemplateNode Text(string template, string text, string where)
    {
        var parts = Split(template, text, where);
        if (parts.Count == 0)
        {
            return new LiteralNode(JsonValue.Create(text));
        }
        // Exactly one expression keeps the value's type, unless it is a bare literal: the engine makes that text.
        return parts is [Expr e] && e is not LiteralExpr ? new ValueNode(e) : new TextNode([.. parts]);
    }

    private static Expr? WholeExpression(string template, JsonNode? value, string where) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && Split(template, s, where) is [Expr e] ? e : null;

    // "a ${x} b" -> ["a ", x, " b"]; no expression -> empty list.
    private static List<object> Split(string template, string text, string where)
    {
        var parts = new List<object>();
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return parts;
        }
        if (text.AsSpan().IndexOfAny('`', '\\') >= 0)
        {
            // The engine reads the string as an expression template, where these characters change meaning.
            throw CardTemplateException.At(template, where, text, "a backtick or backslash in a string with ${...} is not supported");
        }
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf("${", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text[pos..]);
                break;
            }
            if (open > pos)
            {
                parts.Add(text[pos..open]);
            }
            var close = Close(text, open + 2)
                ?? throw CardTemplateException.At(template, where, text, "an expression is not closed with }");
            var source = text[(open + 2)..close];
            try
            {
                parts.Add(ExpressionParser.Parse(source));
            }
            catch (FormatException e)
            {
                throw CardTemplateException.At(template, where, "${" + source + "}", e.Message);
            }
            pos = close + 1;
        }
        return parts;
    }

    // The } that ends the expression, skipping any inside quoted text.
    private static int? Close(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }
        return null;
    }
}
