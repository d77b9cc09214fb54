using System.Text;
using System.Text.Json;

namespace QuizBot.Http;

// A serialized answer that many clicks share but for one or two values (a post's result card: the live count text, and
// in Teams the clicker's id), cut at placeholders put where those values go: Pieces[i] is followed by the value
// Holes[i] names (true: the clicker's id, written as a JSON string; false: the count text, inside a JSON string).
// A click then writes its values into a copy instead of rendering and serializing the card again.
internal sealed record JsonLayout(byte[][] Pieces, bool[] Holes)
{
    // Random per process, so no bank text can contain them by chance or design.
    private static readonly string Hole = "qb" + Guid.NewGuid().ToString("N");
    public static readonly string CountPlaceholder = Hole + "c";
    public static readonly string UserPlaceholder = Hole + "u";
    private static readonly byte[] CountHole = Encoding.UTF8.GetBytes(CountPlaceholder);
    private static readonly byte[] UserHole = Encoding.UTF8.GetBytes($"\"{UserPlaceholder}\"");

    // A value as it goes into a hole: JSON-escaped UTF-8, without quotes.
    public static byte[] Encode(string value) => JsonEncodedText.Encode(value).EncodedUtf8Bytes.ToArray();

    // The values written into a copy of the layout.
    public byte[] ToArray(ReadOnlySpan<byte> countText, ReadOnlySpan<byte> userId)
    {
        var bytes = new byte[Length(countText, userId)];
        Write(bytes, countText, userId);
        return bytes;
    }

    // The layouts of one kind of answer by what they depend on (a post, a choice, ...), each made on its first use. A
    // few posts are open at a time; MaxCached bounds what a flood of distinct keys can hold (past it, all are dropped).
    public sealed class Cache<TKey>
        where TKey : notnull
    {
        private const int MaxCached = 2_000;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<TKey, JsonLayout> _layouts = new();

        // render: the answer serialized with the placeholders where its values go, from state (so a click that finds its
        // layout allocates no closure).
        public JsonLayout Get<TState>(TKey key, TState state, Func<TState, byte[]> render)
        {
            if (!_layouts.TryGetValue(key, out var layout))
            {
                layout = Split(render(state));
                if (_layouts.Count >= MaxCached)
                {
                    _layouts.Clear();
                }
                _layouts[key] = layout;
            }
            return layout;
        }
    }

    public static JsonLayout Split(byte[] bytes)
    {
        var pieces = new List<byte[]>();
        var holes = new List<bool>();
        var rest = bytes.AsSpan();
        while (true)
        {
            var count = rest.IndexOf(CountHole);
            var user = rest.IndexOf(UserHole);
            if (count < 0 && user < 0)
            {
                pieces.Add(rest.ToArray());
                return new JsonLayout([.. pieces], [.. holes]);
            }
            var isUser = count < 0 || user >= 0 && user < count;
            var at = isUser ? user : count;
            pieces.Add(rest[..at].ToArray());
            holes.Add(isUser);
            rest = rest[(at + (isUser ? UserHole.Length : CountHole.Length))..];
        }
    }

    public int Length(ReadOnlySpan<byte> countText, ReadOnlySpan<byte> userId)
    {
        var length = 0;
        foreach (var piece in Pieces)
        {
            length += piece.Length;
        }
        foreach (var isUser in Holes)
        {
            length += isUser ? userId.Length + 2 : countText.Length;
        }
        return length;
    }

    public void Write(Span<byte> to, ReadOnlySpan<byte> countText, ReadOnlySpan<byte> userId)
    {
        var at = 0;
        for (var i = 0; i < Pieces.Length; i++)
        {
            Pieces[i].CopyTo(to[at..]);
            at += Pieces[i].Length;
            if (i == Holes.Length)
            {
                break;
            }
            if (Holes[i])
            {
                to[at++] = (byte)'"';
                userId.CopyTo(to[at..]);
                at += userId.Length;
                to[at++] = (byte)'"';
            }
            else
            {
                countText.CopyTo(to[at..]);
                at += countText.Length;
            }
        }
    }
}
