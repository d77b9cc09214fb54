using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Slack;

// The Slack adapter: a message, slash command or button click becomes one Chat turn, and the reply goes out the Slack
// way. Everyone: a new message in the conversation. Clicker: an ephemeral message to that person. InPlace: in a direct
// message the clicked message is replaced; in a channel the shared message must stay as it is, so the person gets an
// ephemeral message instead. Clicks and commands answer through their response_url, which Slack does not meter per
// workspace as it does chat.postEphemeral and chat.update (about 100 and 50 a minute): a burst of answers to one
// question would otherwise wait minutes for its verdicts. No quiz rules live here.
internal sealed partial class SlackBot(
    ChatBot chat, SlackViews views, SlackRoundResults results, SlackWebApi api, Conversations conversations, SlackHomeTab home,
    SlackInstallations installations, SlackFiles files, ILogger<SlackBot> log)
{
    public async Task OnEventAsync(EventEnvelope envelope, CancellationToken ct)
    {
        switch (envelope)
        {
            case { TeamId: { } team, Event: { Type: "app_home_opened" } opened }:
                await home.OnOpenedAsync(team, opened, ct);
                break;
            case { Event.Type: "app_uninstalled" or "tokens_revoked" }:
                await installations.OnRevokedAsync(envelope, ct);
                break;
            default:
                await OnMessageAsync(envelope, ct);
                break;
        }
    }

    // A direct message to the app, or an @mention of it in a channel. A file shared with it (subtype file_share) is a
    // person's message too; other subtypes are system notices or edits.
    private async Task OnMessageAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.Event is not { User: { } user, Channel: { } channel } e || envelope.TeamId is not { } team
            || e.BotId is not null || e.Subtype is not (null or "file_share")
            || !(e.Type == "message" && e.ChannelType == "im" || e.Type == "app_mention"))
        {
            return;
        }
        var to = new SlackAddress(team, channel);
        if (await files.FromAsync(team, e, ct) is { } file)
        {
            await RunAsync(to, await PersonAsync(team, user, ct), new Reply(user, null, null, FromCommand: false), new TurnInput.File(file), ct,
                envelope.EventId);
            return;
        }
        if (e.Subtype is not null)
        {
            return;
        }
        var (text, mentioned) = SlackMentions.Split(e.Text);
        // The app's own mention is how an app_mention starts: the people it names are everyone else.
        var others = e.Type == "app_mention" && mentioned.Count > 0 ? mentioned[1..] : mentioned;
        var input = new TurnInput.Command(ChatCommand.Parse(text), await PeopleAsync(team, others, ct));
        await RunAsync(to, await PersonAsync(team, user, ct), new Reply(user, null, null, FromCommand: false), input, ct, envelope.EventId);
    }

    public async Task OnCommandAsync(SlashCommand command, CancellationToken ct)
    {
        if (command is not { TeamId: { } team, ChannelId: { } channel, UserId: { } user })
        {
            return;
        }
        var (text, mentioned) = SlackMentions.Split(command.Text);
        var input = new TurnInput.Command(ChatCommand.Parse(text.Length == 0 ? "help" : text), await PeopleAsync(team, mentioned, ct));
        var who = await PersonAsync(team, user, ct);
        await RunAsync(new SlackAddress(team, channel), who, new Reply(user, ResponseUrl(command.ResponseUrl), null, FromCommand: true), input, ct,
            command.TriggerId);
    }

    public async Task OnInteractionAsync(BlockActionsPayload payload, CancellationToken ct)
    {
        if (payload is not { TeamId: { } team, ChannelId: { } channel, User.Id: { } user } || payload.FirstAction is not { } clicked)
        {
            return;
        }
        var to = new SlackAddress(team, channel);
        var reply = new Reply(user, ResponseUrl(payload.ResponseUrl), payload.MessageTs, FromCommand: false);
        // A button carries its action as its value; a select (the admins' decision on a report) as the chosen option's.
        var action = Parse(clicked.Value ?? clicked.SelectedOption?.Value, out var problem);
        if (action is null)
        {
            LogRefused(log, LogText.Safe(problem));
            await SendAsync(to, reply, ChatReply.Refuse(problem), ct);
            return;
        }
        if (action is CardAction.Report { Reason: null, Said: null } report && payload.TriggerId is { Length: > 0 } trigger)
        {
            // The form opens as a modal; its submission (view_submission) makes the report.
            await api.ViewsOpenAsync(team, trigger, SlackReportModal.Build(report, channel), ct);
            return;
        }
        // The click's own name, or the one users.info gave before: an answer is stored without waiting on a Slack call.
        var who = api.TryGetCachedUser(team, user, out var known)
            ? new Participant(SlackAddress.UserKey(team, user), known.Name, [user], known.IsAdmin || known.IsOwner)
            : new Participant(SlackAddress.UserKey(team, user), payload.User?.Name ?? payload.User?.Username ?? user, [user]);
        await RunAsync(to, who, reply, new TurnInput.Action(action), ct);
    }

    // A "Report a problem" modal sent: the report is made at once, so that input Slack should show beside the fields
    // (Errors, for response_action "errors") is known before the answer; the acknowledgement follows the answer (After).
    public async Task<ViewSubmitted?> OnViewSubmissionAsync(BlockActionsPayload payload, CancellationToken ct)
    {
        if (payload is not { TeamId: { } team, User.Id: { } user, View: { } view } || SlackReportModal.Read(view) is not var (report, channel))
        {
            return null;
        }
        var to = new SlackAddress(team, channel);
        var who = api.TryGetCachedUser(team, user, out var known)
            ? new Participant(SlackAddress.UserKey(team, user), known.Name, [user], known.IsAdmin || known.IsOwner)
            : await PersonAsync(team, user, ct);
        var turn = new ChatTurn(SlackAddress.ChannelName, to.ConversationKey, who, new TurnInput.Action(report));
        var reply = await chat.HandleAsync(turn, to.Serialize(), ct);
        var errors = new JsonObject();
        foreach (var shown in reply.Messages.Select(m => m.View))
        {
            switch (shown)
            {
                case ChatView.FormProblem p:
                    errors[p.Field == SlackReportModal.TextBlock ? SlackReportModal.TextBlock : SlackReportModal.ReasonBlock] = PlainText(p.Reason);
                    break;
                case ChatView.Refusal r:
                    errors[SlackReportModal.ReasonBlock] = PlainText(r.Reason);
                    break;
            }
        }
        return new ViewSubmitted(errors.Count > 0 ? new JsonObject { ["response_action"] = "errors", ["errors"] = errors } : null,
            t => SendAsync(to, new Reply(user, null, null, FromCommand: false), reply, t));
    }

    // Errors: the answer to give Slack in place of closing the modal. After: the reply as messages (the acknowledgement;
    // or, where the answer could not carry the errors (Socket Mode acknowledges first), the errors themselves).
    public sealed record ViewSubmitted(JsonObject? Errors, Func<CancellationToken, Task> After);

    // Slack shows a modal's errors as plain text: the markup's words, without its syntax.
    private static string PlainText(string markup) => string.Concat(Markup.Parse(markup).Select(span => span.Text));

    // How to reach the person: their id, the request's response_url (when Slack gave a usable one), the clicked message.
    // FromCommand: a slash command's text answers (confirmations, hints, refusals) go to the person who typed it, as Slack
    // apps do; what it shows the team (a board, the missed questions) is posted for everyone.
    private sealed record Reply(string User, Uri? ResponseUrl, string? ClickedTs, bool FromCommand);

    // turnId: Slack's id of the delivery (event id, or a slash command's trigger id); a click carries its message's ts.
    private async Task RunAsync(SlackAddress to, Participant who, Reply via, TurnInput input, CancellationToken ct, string? turnId = null)
    {
        var turn = new ChatTurn(SlackAddress.ChannelName, to.ConversationKey, who, input)
        {
            Id = turnId, MessageId = via.ClickedTs, Personal = to.IsDirectMessage,
        };
        var reply = await chat.HandleAsync(turn, to.Serialize, ct);
        await SendAsync(to, via, reply, ct);
        // After the verdict went out; the publish runs in the background (see RefreshGate).
        if (ChangesHome(input, reply))
        {
            home.Refresh(to.Team, via.User);
        }
    }

    // A round answer (it may empty their open questions), or the last answer of a self-paced quiz (it ends the quiz
    // their Home shows under way). Other self-paced answers change nothing there.
    private static bool ChangesHome(TurnInput input, ChatReply reply) => input switch
    {
        TurnInput.Action { Value: CardAction.RoundAnswer } => true,
        TurnInput.Action { Value: CardAction.Answer } => reply.Messages.Any(m => m.View is ChatView.Review),
        _ => false,
    };

    private async Task SendAsync(SlackAddress to, Reply via, ChatReply reply, CancellationToken ct)
    {
        foreach (var (view, given) in reply.Messages)
        {
            var audience = via.FromCommand && view is ChatView.Text or ChatView.Refusal ? Audience.Clicker : given;
            try
            {
                if (audience == Audience.InPlace && to.IsDirectMessage && via.ClickedTs is not null)
                {
                    await ReplaceAsync(to, via, views.Render(view), ct);
                }
                else if (audience == Audience.Everyone || to.IsDirectMessage)
                {
                    var message = views.Render(view);
                    await api.PostMessageAsync(to.Team, to.Channel, message.Text, message.Blocks, ct);
                }
                else if (via.ResponseUrl is { } url && view is ChatView.RoundResult result)
                {
                    // A burst's verdicts: the post's rendered verdict with this click's count (SlackRoundResults).
                    await api.RespondAsync(url, results.Ephemeral(result), ct);
                }
                else if (via.ResponseUrl is { } other)
                {
                    await api.RespondAsync(other, Respond(views.Render(view), "ephemeral", replaceOriginal: false), ct);
                }
                else
                {
                    var message = views.Render(view);
                    await api.PostEphemeralAsync(to.Team, to.Channel, via.User, message.Text, message.Blocks, ct);
                }
            }
            catch (SlackApiException e) when (e.IsConversationGone)
            {
                // Archived, or the app was removed: rounds stop posting there until someone uses it there again.
                await conversations.ForgetAsync(to.ConversationKey, $"Slack answered {e.Error}", ct);
                LogGone(log, LogText.Safe(to.ConversationKey), LogText.Safe(e.Error));
                return;
            }
        }
    }

    private async Task ReplaceAsync(SlackAddress to, Reply via, SlackMessage message, CancellationToken ct)
    {
        if (via.ResponseUrl is { } url)
        {
            await api.RespondAsync(url, Respond(message, "in_channel", replaceOriginal: true), ct);
        }
        else
        {
            await api.UpdateAsync(to.Team, to.Channel, via.ClickedTs!, message.Text, message.Blocks, ct);
        }
    }

    internal static JsonObject Respond(SlackMessage message, string type, bool replaceOriginal) => new()
    {
        ["response_type"] = type,
        ["replace_original"] = replaceOriginal,
        ["text"] = message.Text,
        ["blocks"] = message.Blocks.DeepClone(),
    };

    private Uri? ResponseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && api.IsAllowedResponseUrl(url) ? url : null;

    // Names on boards come from users.info (cached); workspace admins and owners administer rounds everywhere in it.
    private async Task<Participant> PersonAsync(string team, string user, CancellationToken ct)
    {
        try
        {
            var info = await api.UsersInfoAsync(team, user, ct);
            return new Participant(SlackAddress.UserKey(team, user), info.Name, [user], info.IsAdmin || info.IsOwner);
        }
        catch (SlackApiException e)
        {
            LogNoUserInfo(log, LogText.Safe(user), LogText.Safe(e.Error));
            return new Participant(SlackAddress.UserKey(team, user), user, [user]);
        }
    }

    private async Task<List<Participant>> PeopleAsync(string team, List<string> users, CancellationToken ct)
    {
        var people = new List<Participant>();
        foreach (var user in users.Take(5))
        {
            people.Add(await PersonAsync(team, user, ct));
        }
        return people;
    }

    // A button's value is the CardAction's JSON; anything else was not built by QuizBot.
    private static CardAction? Parse(string? value, out string problem)
    {
        problem = "The button asked for an action QuizBot does not know.";
        if (value is not { Length: > 0 and <= 2000 })
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(value);
            var action = CardAction.TryParse(doc.RootElement, out var why);
            problem = why ?? problem;
            return action;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Slack button: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack conversation {Conversation} is gone ({Error}); rounds stop posting there")]
    private static partial void LogGone(ILogger logger, string conversation, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "users.info for {User} failed with {Error}; the id stands in for the name")]
    private static partial void LogNoUserInfo(ILogger logger, string user, string error);
}
