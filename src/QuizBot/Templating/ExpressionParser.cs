using System.Globalization;

namespace QuizBot.Templating;

// Parses the part of the Adaptive Expressions language QuizBot's templates use: paths ($root, $data, $index,
// dots), 'text' and number literals, true/false/null, !, == != < <= > >=, && ||, parentheses and count(x).
// Precedence follows Adaptive Expressions: ! binds tightest, then == !=, then < <= > >=, then &&, then ||.
// Anything else is refused here, so a template using it fails at load rather than rendering something odd.
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text) => _text = text;

    public static Expr Parse(string text)
    {
        var p = new ExpressionParser(text);
        var e = p.Or();
        p.SkipSpace();
        if (p._pos < text.Length)
        {
            throw new FormatException($"unexpected '{text[p._pos..]}'");
        }
        return e;
    }

    private Expr Or()
    {
        var start = _pos;
        var left = And();
        while (Accept("||"))
        {
            left = new LogicExpr(false, left, And(), Source(start));
        }
        return left;
    }

    private Expr And()
    {
        var start = _pos;
        var left = Relational();
        while (Accept("&&"))
        {
            left = new LogicExpr(true, left, Relational(), Source(start));
        }
        return left;
    }

    private Expr Relational()
    {
        var start = _pos;
        var left = Equality();
        while (AcceptAny("<=", ">=", "<", ">") is { } op)
        {
            left = new CompareExpr(op, left, Equality(), Source(start));
        }
        return left;
    }

    private Expr Equality()
    {
        var start = _pos;
        var left = Unary();
        while (AcceptAny("==", "!=") is { } op)
        {
            left = new CompareExpr(op, left, Unary(), Source(start));
        }
        return left;
    }

    private Expr Unary()
    {
        var start = _pos;
        if (Peek("!") && !Peek("!="))
        {
            _pos++;
            return new NotExpr(Unary(), Source(start));
        }
        return Primary();
    }

    private Expr Primary()
    {
        SkipSpace();
        var start = _pos;
        if (_pos >= _text.Length)
        {
            throw new FormatException("the expression ends too early");
        }
        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (c is '\'' or '"')
        {
            var end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
            {
                throw new FormatException("a text literal is not closed");
            }
            _pos = end + 1;
            return new LiteralExpr(_text[(start + 1)..end], Source(start));
        }
        if (char.IsAsciiDigit(c))
        {
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
            {
                _pos++;
            }
            return new LiteralExpr(double.Parse(Source(start), CultureInfo.InvariantCulture), Source(start));
        }
        if (!IsNameStart(c))
        {
            throw new FormatException($"'{c}' is not supported here");
        }
        var segments = new List<string> { Name() };
        while (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            segments.Add(Name());
        }
        var source = Source(start);
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == '(')
        {
            if (source != "count")
            {
                throw new FormatException($"the function '{source}' is not supported (only count)");
            }
            _pos++;
            var argument = Or();
            Expect(")");
            return new CountExpr(argument, Source(start));
        }
        if (_pos < _text.Length && _text[_pos] == '[')
        {
            throw new FormatException("indexing with [] is not supported");
        }
        return source switch
        {
            "true" => new LiteralExpr(true, source),
            "false" => new LiteralExpr(false, source),
            "null" => new LiteralExpr(null, source),
            _ when segments[0].StartsWith('$') && segments[0] is not ("$root" or "$data" or "$index") =>
                throw new FormatException($"'{segments[0]}' is not supported (only $root, $data and $index)"),
            _ => new PathExpr([.. segments], source),
        };
    }

    private string Name()
    {
        var start = _pos;
        if (_pos < _text.Length && IsNameStart(_text[_pos]))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
        }
        if (_pos == start)
        {
            throw new FormatException("a name is expected after '.'");
        }
        return _text[start.._pos];
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private string Source(int start) => _text[start.._pos].Trim();

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    private bool Peek(string token)
    {
        SkipSpace();
        return string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;
    }

    private bool Accept(string token)
    {
        if (!Peek(token))
        {
            return false;
        }
        _pos += token.Length;
        return true;
    }

    private string? AcceptAny(params string[] tokens) => tokens.FirstOrDefault(Accept);

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"'{token}' is expected");
        }
    }
}
