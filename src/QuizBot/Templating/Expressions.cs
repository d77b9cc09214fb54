using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Templating;

// Where an expression reads from: $root is the whole data, $data the current item of a repeat, $index its position.
internal readonly record struct Scope(JsonNode? Root, JsonNode? Data, int? Index);

// A path the data does not have. Distinct from JSON null because the official engine treats them differently.
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
}

internal sealed class EvaluationException(string message) : Exception(message);

// The expression subset, evaluated the way Adaptive Expressions does. Values are CLR values: null, Undefined,
// bool, double, string, or the JsonObject/JsonArray read from the data (never modified).
// `substitute` mirrors the engine's null substitution: a missing path reads as the literal "${path}" where a
// value is shown, but comparisons, `!`, `&&` and `||` see it as missing.
internal abstract record Expr(string Source)
{
    public abstract object? Eval(in Scope scope, bool substitute);

    public static bool IsTrue(object? v) => v is bool b ? b : v is not null and not Undefined;
}

internal sealed record LiteralExpr(object? Value, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute) => Value;
}

internal sealed record PathExpr(string[] Segments, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute)
    {
        var value = Read(scope);
        return value is Undefined && substitute ? "${" + Source + "}" : value;
    }

    private object? Read(in Scope scope)
    {
        var (node, start) = Segments[0] switch
        {
            "$root" => (scope.Root, 1),
            "$data" => (scope.Data, 1),
            "$index" => (null, 1),
            _ => (scope.Data, 0),
        };
        if (Segments[0] == "$index")
        {
            return Segments.Length == 1 && scope.Index is { } i ? (double)i : Undefined.Value;
        }
        for (var s = start; s < Segments.Length; s++)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(Segments[s], out node))
            {
                return Undefined.Value;
            }
        }
        return ToClr(node);
    }

    // Typed as object on purpose: a switch typed JsonNode would wrap these back into JsonValues implicitly.
    public static object? ToClr(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return node;
        }
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => (object?)null,
        };
    }
}

internal sealed record NotExpr(Expr Operand, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute)
    {
        try
        {
            return !IsTrue(Operand.Eval(scope, substitute: false));
        }
        catch (EvaluationException)
        {
            return true;
        }
    }
}

internal sealed record LogicExpr(bool IsAnd, Expr Left, Expr Right, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute) =>
        IsAnd ? Test(Left, scope) && Test(Right, scope) : Test(Left, scope) || Test(Right, scope);

    // An operand that fails counts as false, as in the official engine.
    private static bool Test(Expr e, in Scope scope)
    {
        try
        {
            return IsTrue(e.Eval(scope, substitute: false));
        }
        catch (EvaluationException)
        {
            return false;
        }
    }
}

internal sealed record CompareExpr(string Op, Expr Left, Expr Right, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute)
    {
        object? l, r;
        try
        {
            l = Left.Eval(scope, substitute: false);
            r = Right.Eval(scope, substitute: false);
        }
        catch (EvaluationException)
        {
            return false;
        }
        return Op switch
        {
            "==" => AreEqual(l, r),
            "!=" => !AreEqual(l, r),
            _ => Order(l, r) is { } c && Op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 },
        };
    }

    private static bool AreEqual(object? l, object? r)
    {
        var lNull = l is null or Undefined;
        var rNull = r is null or Undefined;
        if (lNull || rNull)
        {
            return lNull && rNull;
        }
        return (l, r) switch
        {
            (double a, double b) => a == b,
            (JsonNode a, JsonNode b) => JsonNode.DeepEquals(a, b),
            _ => Equals(l, r),
        };
    }

    private static int? Order(object? l, object? r) => (l, r) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => null,
    };
}

internal sealed record CountExpr(Expr Argument, string Source) : Expr(Source)
{
    public override object? Eval(in Scope scope, bool substitute) => Argument.Eval(scope, substitute) switch
    {
        string s => (double)s.Length,
        JsonArray a => (double)a.Count,
        _ => throw new EvaluationException($"{Argument.Source} is not a list or a string"),
    };
}

internal static class JsValues
{
    // How the official engine turns a value into text inside "a ${b} c": JavaScript's toString.
    public static string ToText(object? v, string source) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => Number(d),
        JsonArray a => string.Join(",", a.Select(i => i is null ? "" : ToText(PathExpr.ToClr(i), source))),
        JsonObject => "[object Object]",
        _ => throw new EvaluationException($"'{source}' is null; the official engine fails on null inside text"),
    };

    public static string Number(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    // A single "${...}" keeps its value's JSON type.
    public static JsonNode? ToNode(object? v) => v switch
    {
        null or Undefined => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        JsonNode n => n.DeepClone(),
        _ => throw new EvaluationException($"unexpected value {v}"),
    };
}
