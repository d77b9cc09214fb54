using System.Text;
using QuizBot.Chat;
using QuizBot.Quizzes;

namespace QuizBot.Dashboard.Rounds;

// The dashboard's admin actions are chat turns from the signed-in viewer, so they pass the same checks and change the
// same things as the commands typed in chat; only the reply's markup is flattened into the page's one sentence.
internal static class ViewerTurns
{
    // The endpoint runs actions for Admins only, and its Admin role includes what no store holds (a channel's own word
    // that the person is a workspace admin, carried by the session): ChannelAdmin passes that on to chat's admin check.
    // The session holds no name for chat to show, so the person's own id stands in (rounds store only the key).
    public static Participant Viewer(DashboardRequest request) =>
        new(request.UserKey, ChatKeys.LocalId(request.UserKey), request.UserIds, ChannelAdmin: request.Role == DashboardRole.Admin);

    public static ChatTurn Turn(DashboardRequest request, TurnInput input, string? id = null, bool personal = false) =>
        new(ChatKeys.ChannelOf(request.ConversationKey), request.ConversationKey, Viewer(request), input) { Id = id, Personal = personal };

    public static TurnInput.Command Command(string text) => new(ChatCommand.Parse(text), []);

    // The reply's texts as plain words: markup delimiters and escapes dropped, paragraphs run together.
    public static string Sentence(ChatReply reply, string whenSilent)
    {
        var text = new StringBuilder();
        foreach (var message in reply.Messages)
        {
            var markup = message.View switch
            {
                ChatView.Text t => t.Markup,
                ChatView.Refusal r => r.Reason,
                ChatView.FormProblem p => p.Reason,
                _ => null,
            };
            if (markup is null)
            {
                continue;
            }
            foreach (var span in Markup.Parse(markup))
            {
                text.Append(span.Text);
            }
            text.Append(' ');
        }
        var words = string.Join(' ', text.ToString().Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return words.Length == 0 ? whenSilent : words;
    }
}
