using System.Text.Json.Nodes;
using QuizBot.Chat;

namespace QuizBot.Channels.Teams;

// Chat views as Bot Framework messages: text in Teams markdown (the engine's markup is its subset) or one Adaptive Card.
internal sealed class TeamsViews(QuizCards quiz, RoundCards rounds, DisputeCards disputes)
{
    // Null for text views: they travel as the message text.
    public JsonObject? Card(ChatView view, string channelId) => view switch
    {
        ChatView.Text or ChatView.Refusal or ChatView.FormProblem => null,
        ChatView.Welcome => quiz.Welcome(channelId),
        ChatView.Question q => quiz.Question(q.View, channelId),
        ChatView.Result r => quiz.Result(r.View, channelId),
        ChatView.Review r => quiz.Review(r.View),
        ChatView.RecallQuestion q => quiz.RecallQuestion(q.View, channelId),
        ChatView.RecallResult r => quiz.RecallResult(r.View),
        ChatView.ChooseBank c => quiz.ChooseBank(c.Banks, channelId, c.Prompt),
        ChatView.ScheduleForm f => rounds.ScheduleForm(f.Banks, channelId),
        ChatView.Board b => rounds.Board(b.View),
        ChatView.Stats s => rounds.Stats(s.View),
        ChatView.Missed m => rounds.Missed(m.Title, m.Items),
        ChatView.RoundQuestion q => rounds.Question(q.View, channelId, LocalIds(q.PersonalViews)),
        ChatView.RoundResult r => rounds.Result(r.View, r.Answers, channelId, LocalIds(r.PersonalViews)),
        ChatView.RoundClosed c => rounds.Closed(c.View),
        ChatView.Disputes d => disputes.Disputes(d.View, channelId),
        _ => throw new InvalidOperationException($"No Teams rendering for {view.GetType().Name}"),
    };

    public static string? Text(ChatView view) => view switch
    {
        ChatView.Text t => TeamsMarkdown.FromMarkup(t.Markup),
        ChatView.Refusal r => TeamsMarkdown.FromMarkup(r.Reason),
        ChatView.FormProblem p => TeamsMarkdown.FromMarkup(p.Reason),
        _ => null,
    };

    // One message for several views: texts joined as its text, cards as its attachments (in order).
    public Activity Message(ConversationAddress to, IEnumerable<ChatView> views)
    {
        var list = views.ToList();
        var texts = list.Select(Text).OfType<string>().ToList();
        var cards = list.Select(v => Card(v, to.ChannelId)).OfType<JsonNode>().ToArray();
        return to.Message(texts.Count == 0 ? null : string.Join("\n\n", texts), cards);
    }

    // Teams' refresh.userIds wants the ids Teams sent, not QuizBot's channel-prefixed keys.
    private static List<string> LocalIds(IReadOnlyList<string> userKeys) => [.. userKeys.Select(ChatKeys.LocalId)];
}
