using System.Collections.Concurrent;
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
    // A few posts are open at a time; this bounds what a flood of distinct (post, choice) pairs can hold.
    private const int MaxCached = 2_000;

    private readonly ConcurrentDictionary<(string Post, int Choice, string? Notice), JsonLayout> _layouts = new();

    public byte[] Ephemeral(ChatView.RoundResult result)
    {
        var view = result.View;
        var key = (view.Post.Id, view.Choice, view.Notice);
        if (!_layouts.TryGetValue(key, out var layout))
        {
            var message = views.Bind(SlackRoundViews.Result(view, JsonLayout.CountPlaceholder));
            layout = JsonLayout.Split(Encoding.UTF8.GetBytes(SlackBot.Respond(message, "ephemeral", replaceOriginal: false).ToJsonString()));
            if (_layouts.Count >= MaxCached)
            {
                _layouts.Clear();
            }
            _layouts[key] = layout;
        }
        var count = JsonLayout.Encode(Wording.CountText(result.Answers));
        var bytes = new byte[layout.Length(count, default)];
        layout.Write(bytes, count, default);
        return bytes;
    }
}
