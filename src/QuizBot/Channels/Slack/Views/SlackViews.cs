using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Templating;

namespace QuizBot.Channels.Slack;

// A template and the data to bind to it: the view as Slack shows it, before binding (the samples in
// cards/slack/samples have exactly this shape).
internal sealed record SlackViewData(string Template, object Data);

// Chat views as Slack messages: Block Kit from the templates in cards/slack, bound by the same binder as Teams' cards.
// Every text from a bank or a person is escaped in the view data, so a template only decides how things look.
internal sealed class SlackViews(CardTemplates templates)
{
    public static SlackViews Load(string dir) => new(CardTemplates.Load(dir));

    // RoundQuestion and RoundResult ignore PersonalViews: Slack cannot show one message differently per person, so the
    // person's own verdict goes out ephemerally instead.
    public SlackMessage Render(ChatView view) => view switch
    {
        ChatView.Text t => Section(SlackMrkdwn.FromMarkup(t.Markup)),
        ChatView.Refusal r => Section(SlackMrkdwn.FromMarkup(r.Reason)),
        ChatView.FormProblem p => Section(SlackMrkdwn.FromMarkup(p.Reason)),
        _ => Bind(Data(view)),
    };

    public static SlackViewData Data(ChatView view) => view switch
    {
        ChatView.Welcome => SlackQuizViews.Welcome(),
        ChatView.Question q => SlackQuizViews.Question(q.View),
        ChatView.Result r => SlackQuizViews.Result(r.View),
        ChatView.Review r => SlackQuizViews.Review(r.View),
        ChatView.RecallQuestion q => SlackQuizViews.RecallQuestion(q.View),
        ChatView.RecallResult r => SlackQuizViews.RecallResult(r.View),
        ChatView.ChooseBank c => SlackQuizViews.ChooseBank(c.Banks, c.Prompt),
        ChatView.ScheduleForm f => SlackQuizViews.ScheduleForm(f.Banks),
        ChatView.Board b => SlackRoundViews.Board(b.View),
        ChatView.Stats s => SlackRoundViews.Stats(s.View),
        ChatView.Missed m => SlackRoundViews.Missed(m.Title, m.Items),
        ChatView.RoundQuestion q => SlackRoundViews.Question(q.View),
        ChatView.RoundResult r => SlackRoundViews.Result(r.View, r.Answers),
        ChatView.RoundClosed c => SlackRoundViews.Closed(c.View),
        ChatView.Disputes d => SlackDisputeViews.Disputes(d.View),
        _ => throw new InvalidOperationException($"No Slack rendering for {view.GetType().Name}"),
    };

    public SlackMessage Bind(SlackViewData data)
    {
        var message = templates.Render(data.Template, data.Data);
        var blocks = message["blocks"] as JsonArray
            ?? throw new InvalidOperationException($"The Slack template '{data.Template}' has no blocks array.");
        message.Remove("blocks");
        return SlackLimits.Apply(message["text"]?.GetValue<string>() ?? "", blocks);
    }

    private static SlackMessage Section(string mrkdwn)
    {
        // Slack refuses an empty text object; an empty reply is a bug elsewhere, but it must not lose the whole message.
        var text = mrkdwn.Trim().Length > 0 ? mrkdwn : "…";
        var block = new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } };
        return SlackLimits.Apply(text, [block]);
    }
}
