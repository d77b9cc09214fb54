using System.Text.Json;
using QuizBot.Chat;
using QuizBot.Quizzes;

namespace QuizBot.Channels.Slack;

// The Slack adapter: a message, slash command or button click becomes one Chat turn, and the reply goes out the Slack
// way. Everyone: a new message in the conversation. Clicker: an ephemeral message to that person. InPlace: in a direct
// message the clicked message is updated; in a channel the shared message must stay as it is, so the person gets an
// ephemeral message instead. No quiz rules live here.
internal sealed partial class SlackBot(ChatBot chat, SlackViews views, SlackWebApi api, Conversations conversations, ILogger<SlackBot> log)
{
    // A direct message to the app, or an @mention of it in a channel.
    public async Task OnEventAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.Event is not { User: { } user, Channel: { } channel } e || envelope.TeamId is not { } team
            || e.BotId is not null || e.Subtype is not null
            || !(e.Type == "message" && e.ChannelType == "im" || e.Type == "app_mention"))
        {
            return;
        }
        var (text, mentioned) = SlackMentions.Split(e.Text);
        var to = new SlackAddress(team, channel);
        // The app's own mention is how an app_mention starts: the people it names are everyone else.
        var others = e.Type == "app_mention" && mentioned.Count > 0 ? mentioned[1..] : mentioned;
        await RunAsync(to, user, null, new TurnInput.Command(ChatCommand.Parse(text), await PeopleAsync(team, others, ct)), ct);
    }

    public async Task OnCommandAsync(SlashCommand command, CancellationToken ct)
    {
        if (command is not { TeamId: { } team, ChannelId: { } channel, UserId: { } user })
        {
            return;
        }
        var (text, mentioned) = SlackMentions.Split(command.Text);
        var input = new TurnInput.Command(ChatCommand.Parse(text.Length == 0 ? "help" : text), await PeopleAsync(team, mentioned, ct));
        await RunAsync(new SlackAddress(team, channel), user, null, input, ct, fromCommand: true);
    }

    public async Task OnInteractionAsync(BlockActionsPayload payload, CancellationToken ct)
    {
        if (payload is not { TeamId: { } team, ChannelId: { } channel, User.Id: { } user } || payload.FirstAction is not { } clicked)
        {
            return;
        }
        var to = new SlackAddress(team, channel);
        var action = Parse(clicked.Value, out var problem);
        if (action is null)
        {
            LogRefused(log, problem);
            await SendAsync(to, user, null, ChatReply.Refuse(problem), ct);
            return;
        }
        await RunAsync(to, user, payload.MessageTs, new TurnInput.Action(action), ct);
    }

    private async Task RunAsync(SlackAddress to, string user, string? clickedTs, TurnInput input, CancellationToken ct, bool fromCommand = false)
    {
        var who = await PersonAsync(to.Team, user, ct);
        var reply = await chat.HandleAsync(new ChatTurn(SlackAddress.ChannelName, to.ConversationKey, who, input), to.Serialize(), ct);
        await SendAsync(to, user, clickedTs, reply, ct, fromCommand);
    }

    // fromCommand: a slash command's text answers (confirmations, hints, refusals) go to the person who typed it, as Slack
    // apps do; what it shows the team (a board, the missed questions) is posted for everyone.
    private async Task SendAsync(SlackAddress to, string user, string? clickedTs, ChatReply reply, CancellationToken ct, bool fromCommand = false)
    {
        foreach (var (view, given) in reply.Messages)
        {
            var audience = fromCommand && view is ChatView.Text or ChatView.Refusal ? Audience.Clicker : given;
            var message = views.Render(view);
            try
            {
                if (audience == Audience.InPlace && to.IsDirectMessage && clickedTs is not null)
                {
                    await api.UpdateAsync(to.Channel, clickedTs, message.Text, message.Blocks, ct);
                }
                else if (audience == Audience.Everyone || to.IsDirectMessage)
                {
                    await api.PostMessageAsync(to.Channel, message.Text, message.Blocks, ct);
                }
                else
                {
                    await api.PostEphemeralAsync(to.Channel, user, message.Text, message.Blocks, ct);
                }
            }
            catch (SlackApiException e) when (e.IsConversationGone)
            {
                // Archived, or the app was removed: rounds stop posting there until someone uses it there again.
                await conversations.ForgetAsync(to.ConversationKey, $"Slack answered {e.Error}", ct);
                LogGone(log, to.ConversationKey, e.Error);
                return;
            }
        }
    }

    // Names on boards come from users.info (cached); workspace admins and owners administer rounds everywhere in it.
    private async Task<Participant> PersonAsync(string team, string user, CancellationToken ct)
    {
        try
        {
            var info = await api.UsersInfoAsync(user, ct);
            return new Participant(SlackAddress.UserKey(team, user), info.Name, [user], info.IsAdmin || info.IsOwner);
        }
        catch (SlackApiException e)
        {
            LogNoUserInfo(log, user, e.Error);
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
