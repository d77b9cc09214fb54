using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using QuizBot.Chat;
using QuizBot.Http;

namespace QuizBot.Channels.Teams;

// The invoke answer to a click on a round question, as bytes. Everyone who picks the same option of the same post
// gets the same card but for the live count and their own id (the card's refresh list): so the card is rendered and
// serialized once per (post, choice, notice, channel) with two placeholders, and a click only writes those two values
// into a copy of the bytes. The rest of a result card never changes while its post is open (a post's question, bank
// version, close time and time zone are fixed), and a click on a closed post gets no result card.
internal sealed class RoundResultAnswers(RoundCards rounds)
{
    // A few posts are open at a time; this bounds what a flood of distinct (post, choice) pairs can hold.
    private const int MaxCached = 2_000;

    // Random per process, so no bank text can contain it by chance or design.
    private static readonly string Hole = "qb" + Guid.NewGuid().ToString("N");
    private static readonly string CountPlaceholder = Hole + "c";
    private static readonly string UserPlaceholder = Hole + "u";
    private static readonly byte[] CountHole = Encoding.UTF8.GetBytes(CountPlaceholder);
    private static readonly byte[] UserHole = Encoding.UTF8.GetBytes($"\"{UserPlaceholder}\"");

    private readonly ConcurrentDictionary<(string Post, int Choice, string? Notice, string Channel), Layout> _layouts = new();

    // Null when the view is not the one-clicker shape this serves (the caller renders it the ordinary way).
    public ResultCard? TryRender(ChatView.RoundResult result, string channelId)
    {
        if (result.PersonalViews.Count != 1)
        {
            return null;
        }
        var view = result.View;
        var key = (view.Post.Id, view.Choice, view.Notice, channelId);
        if (!_layouts.TryGetValue(key, out var layout))
        {
            layout = Split(JsonSerializer.SerializeToUtf8Bytes(
                InvokeResponse.Card(rounds.Result(view, CountPlaceholder, channelId, [UserPlaceholder])), BotJson.Default.InvokeResponse));
            if (_layouts.Count >= MaxCached)
            {
                _layouts.Clear();
            }
            _layouts[key] = layout;
        }
        return new ResultCard(layout, JsonEncodedText.Encode(Wording.CountText(result.Answers)).EncodedUtf8Bytes.ToArray(),
            JsonEncodedText.Encode(ChatKeys.LocalId(result.PersonalViews[0])).EncodedUtf8Bytes.ToArray());
    }

    // One clicker's answer: the shared layout and their two values, written straight to the response. A redelivery's
    // memory of it (Redeliveries) holds this, not a copy of the card per click.
    public sealed class ResultCard(Layout layout, byte[] countText, byte[] userId) : IResult, IAnswerBytes
    {
        public byte[] ToArray()
        {
            var bytes = new byte[layout.Length(countText, userId)];
            layout.Write(bytes, countText, userId);
            return bytes;
        }

        public async Task ExecuteAsync(HttpContext http)
        {
            var length = layout.Length(countText, userId);
            var writer = JsonBytes.Start(http.Response, length).BodyWriter;
            layout.Write(writer.GetSpan(length), countText, userId);
            writer.Advance(length);
            await writer.FlushAsync(http.RequestAborted);
        }
    }

    // The serialized answer cut at its placeholders: Pieces[i] is followed by the value Holes[i] names.
    private static Layout Split(byte[] bytes)
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
                return new Layout([.. pieces], [.. holes]);
            }
            var isUser = count < 0 || user >= 0 && user < count;
            var at = isUser ? user : count;
            pieces.Add(rest[..at].ToArray());
            holes.Add(isUser);
            rest = rest[(at + (isUser ? UserHole.Length : CountHole.Length))..];
        }
    }

    // Holes[i]: true for the clicker's id (written as a JSON string), false for the count text (inside a JSON string).
    public sealed record Layout(byte[][] Pieces, bool[] Holes)
    {
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
}
