
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
    private readonly JsonLayout.Cache<(string Post, int Choice, string? Notice, string Channel)> _layouts = new();

    // Null when the view is not the one-clicker shape this serves (the caller renders it the ordinary way).
    public ResultCard? TryRender(ChatView.RoundResult result, string channelId)
    {
        if (result.PersonalViews.Count != 1)
        {
            return null;
        }
        var view = result.View;
        var layout = _layouts.Get((view.Post.Id, view.Choice, view.Notice, channelId), (rounds, view, channelId), static s => JsonSerializer.SerializeToUtf8Bytes(
            InvokeResponse.Card(s.rounds.Result(s.view, JsonLayout.CountPlaceholder, s.channelId, [JsonLayout.UserPlaceholder])), BotJson.Default.InvokeResponse));
        return new ResultCard(layout, JsonLayout.Encode(Wording.CountText(result.Answers)), JsonLayout.Encode(ChatKeys.LocalId(result.PersonalViews[0])));
    }

    // One clicker's answer: the shared layout and their two values, written straight to the response. A redelivery's
    // memory of it (Redeliveries) holds this, not a copy of the card per click.
    public sealed class ResultCard(JsonLayout layout, byte[] countText, byte[] userId) : IResult, IAnswerBytes
    {
        public byte[] ToArray() => layout.ToArray(countText, userId);

        public async Task ExecuteAsync(HttpContext http)
        {
            var length = layout.Length(countText, userId);
            var writer = JsonBytes.Start(http.Response, length).BodyWriter;
            layout.Write(writer.GetSpan(length), countText, userId);
            writer.Advance(length);
            await writer.FlushAsync(http.RequestAborted);
        }
    }
}
