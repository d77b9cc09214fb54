using System.Text;
using QuizBot.Chat;
using QuizBot.Http;

namespace QuizBot.Channels.Slack;

// A click's verdict on a round question, as the body of its ephemeral response_url message. Everyone who picks the same
// option of the same post gets the same message but for the live count, so it is rendered and serialized once per
// (post, choice, notice) with a placeholder, and a click writes its count into a copy of the bytes; as Teams does with
// its result cards (RoundResultAnswers), and for the same reason: the rest never changes while the post is open.
internal sealed class SlackRoundResults(SlackViews views)
{
    private readonly JsonLayout.Cache<(string Post, int Choice, string? Notice)> _layouts = new();

    public byte[] Ephemeral(ChatView.RoundResult result)
    {
        var view = result.View;
        var layout = _layouts.Get((view.Post.Id, view.Choice, view.Notice), (views, view), static s => Encoding.UTF8.GetBytes(SlackBot.Respond(
            s.views.Bind(SlackRoundViews.Result(s.view, JsonLayout.CountPlaceholder)), "ephemeral", replaceOriginal: false).ToJsonString()));
        return layout.ToArray(JsonLayout.Encode(Wording.CountText(result.Answers)), default);
    }
}
