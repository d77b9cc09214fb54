using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Templating;

// A compiled template: a tree that mirrors the JSON, with expressions parsed once. Expanding follows the official
// engine (adaptivecards-templating): an object with $data repeats per item, $when drops it unless exactly true;
// inside an array, dropped items vanish and repeated items (or array values) are spliced in; as a property value,
// a dropped object becomes null and a repeat of several becomes an array.
internal abstract class TemplateNode
{
    public abstract JsonNode? Expand(in Scope scope);
}

// A subtree without expressions, stored already normalised the way the engine would expand it.
internal sealed class LiteralNode(JsonNode? value) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope) => value?.DeepClone();
}

// "Score: ${score} of ${count}": always text.
internal sealed class TextNode(object[] parts) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is Expr e)
            {
                string piece;
                try
                {
                    piece = JsValues.ToText(e.Eval(scope, substitute: true), e.Source);
                }
                catch (EvaluationException)
                {
                    // The engine shows a failing part literally. (For a null value it throws instead; we keep the card.)
                    piece = "${" + e.Source + "}";
                }
                text.Append(piece);
            }
            else
            {
                text.Append((string)part);
            }
        }
        return JsonValue.Create(text.ToString());
    }
}

// "${choices}": the value keeps its JSON type.
internal sealed class ValueNode(Expr expr) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        try
        {
            return JsValues.ToNode(expr.Eval(scope, substitute: true));
        }
        catch (EvaluationException e)
        {
            throw new CardTemplateException($"Cannot bind \"${{{expr.Source}}}\": {e.Message}");
        }
    }
}

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            switch (item.Expand(scope))
            {
                case null:
                    break;
                case JsonArray spliced:
                    foreach (var n in spliced.ToArray())
                    {
                        spliced.Remove(n);
                        result.Add(n);
                    }
                    break;
                case var n:
                    result.Add(n);
                    break;
            }
        }
        return result;
    }
}

internal sealed class ObjectNode(KeyValuePair<string, TemplateNode>[] properties, Expr? data, Expr? when) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope)
    {
        if (data is null && when is null)
        {
            return ExpandProperties(scope);
        }
        var results = new List<JsonObject>();
        if (data is null)
        {
            AddIfWanted(scope, results);
        }
        else
        {
            var value = Evaluate(data, scope);
            if (value is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    AddIfWanted(new Scope(scope.Root, items[i], i), results);
                }
            }
            else
            {
                // A single value (not a list) becomes the scope without a repeat.
                AddIfWanted(scope with { Data = value as JsonNode ?? JsValues.ToNode(value) }, results);
            }
        }
        return results.Count switch
        {
            0 => null,
            1 => results[0],
            _ => new JsonArray([.. results]),
        };
    }

    private static object? Evaluate(Expr e, in Scope scope)
    {
        try
        {
            return e.Eval(scope, substitute: true);
        }
        catch (EvaluationException x)
        {
            throw new CardTemplateException($"Cannot bind \"$data\": \"${{{e.Source}}}\": {x.Message}");
        }
    }

    private void AddIfWanted(in Scope scope, List<JsonObject> results)
    {
        if (when is not null)
        {
            object? keep;
            try
            {
                keep = when.Eval(scope, substitute: false);
            }
            catch (EvaluationException)
            {
                keep = false;
            }
            if (keep is not true)
            {
                return;
            }
        }
        results.Add(ExpandProperties(scope));
    }

    private JsonObject ExpandProperties(in Scope scope)
    {
        var o = new JsonObject();
        foreach (var (name, node) in properties)
        {
            o[name] = node.Expand(scope);
        }
        return o;
    }
}
