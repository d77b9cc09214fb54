using System.Text.Json;
using QuizBot.Chat;
using QuizBot.Http;
using QuizBot.Quizzes;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams;

// What the HTTP answer is, and what to send once it has gone (Teams shows the replaced card before the next one).
// Invoke: the invoke answer (the same one a redelivery gets back).
internal sealed record Turn(IResult Response, Func<CancellationToken, Task>? After = null, IAnswerBytes? Invoke = null)
{
    public static readonly Turn Ok = new(TypedResults.Ok());
}

// The Bot Framework adapter: one activity in, one Chat turn, the reply out as Teams expects it. No quiz rules live here.
internal sealed partial class TeamsBot(
    ChatBot chat, TeamsViews views, RoundResultAnswers results, Conversations conversations, ConnectorClient connector, TeamsFiles files,
    ILogger<TeamsBot> log)
{
    public Task<Turn> OnActivityAsync(Activity a, CancellationToken ct) => a.Type switch
    {
        // Action.Submit from Web Chat, the Emulator or Teams: the card data arrives as the message's value.
        "message" when a.Value is { ValueKind: JsonValueKind.Object } value => OnSubmitAsync(a, value, ct),
        "message" when files.From(a) is { } file => OnFileAsync(a, file, ct),
        "message" => OnTextAsync(a, ct),
        "invoke" => OnInvokeAsync(a, ct),
        "conversationUpdate" or "installationUpdate" => OnInstallAsync(a, ct),
        _ => Task.FromResult(Turn.Ok),
    };

    private async Task<Turn> OnTextAsync(Activity a, CancellationToken ct)
    {
        var plain = MessageText.Plain(a.Text);
        if (plain.Length > MessageText.MaxCommandLength)
        {
            await ReplyAsync(a, ChatReply.Text(MessageText.TooLong), ct);
            return Turn.Ok;
        }
        var command = new TurnInput.Command(ChatCommand.Parse(plain), Mentioned(a));
        await ReplyAsync(a, await chat.HandleAsync(TurnFor(a, command), () => Address(a), ct), ct);
        return Turn.Ok;
    }

    // A file sent to the bot: a bank to import.
    private async Task<Turn> OnFileAsync(Activity a, IncomingFile file, CancellationToken ct)
    {
        await ReplyAsync(a, await chat.HandleAsync(TurnFor(a, new TurnInput.File(file)), () => Address(a), ct), ct);
        return Turn.Ok;
    }

    // Without per-user cards, everything the person should see comes back as one reply in the conversation.
    private async Task<Turn> OnSubmitAsync(Activity a, JsonElement value, CancellationToken ct)
    {
        var action = CardAction.TryParse(value, out var problem);
        var reply = action is null ? ChatReply.Text(problem!) : await chat.HandleAsync(TurnFor(a, new TurnInput.Action(action)), () => Address(a), ct);
        await ReplyAsync(a, reply, ct);
        return Turn.Ok;
    }

    // Action.Execute in Teams: what the clicker alone sees goes back inline (in place of the clicked card, or as a short
    // message); what everyone sees follows as a reply once the invoke is answered.
    private async Task<Turn> OnInvokeAsync(Activity a, CancellationToken ct)
    {
        if (a.Name != "adaptiveCard/action")
        {
            return new Turn(TypedResults.StatusCode(StatusCodes.Status501NotImplemented));
        }
        if (a.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var act) || act.ValueKind != JsonValueKind.Object
            || !act.TryGetProperty("data", out var data))
        {
            return Invoke(InvokeResponse.Error(400, "BadRequest", "The card action carries no data."));
        }
        var action = CardAction.TryParse(data, out var problem);
        if (action is null)
        {
            return Invoke(InvokeResponse.Error(400, "BadRequest", problem!));
        }
        var reply = await chat.HandleAsync(TurnFor(a, new TurnInput.Action(action)), () => Address(a), ct);
        var inline = reply.Messages.FirstOrDefault(m => m.Audience == Audience.InPlace) ?? reply.Messages.FirstOrDefault(m => m.Audience == Audience.Clicker);
        var everyone = new ChatReply([.. reply.Messages.Where(m => m.Audience == Audience.Everyone)]);
        if (inline?.View is ChatView.RoundResult result && everyone.Messages.Count == 0 && results.TryRender(result, a.ChannelId!) is { } answer)
        {
            // The burst after a daily post: one card per (post, choice), not one per click.
            return new Turn(answer, null, answer);
        }
        var response = inline?.View switch
        {
            ChatView.Refusal { NotFound: true } no => InvokeResponse.Error(404, "NotFound", no.Reason),
            ChatView.Refusal no => InvokeResponse.Error(400, "BadRequest", no.Reason),
            { } view when views.Card(view, a.ChannelId!) is { } card => InvokeResponse.Card(card),
            { } view => InvokeResponse.Message(TeamsViews.Text(view)!),
            // Nothing for the clicker alone: tell them in a line what everyone is about to see.
            null => InvokeResponse.Message(everyone.Messages.Select(m => TeamsViews.Text(m.View)).FirstOrDefault(t => t is not null) ?? "Done."),
        };
        if (everyone.Messages.Count == 0)
        {
            return Invoke(response);
        }
        // After a click the next message is a new one in the conversation, not a reply to the clicked card.
        return Invoke(response, after => inline is null ? SendAsync(a, everyone, after) : ReplyAsync(a, everyone, after));
    }

    private async Task<Turn> OnInstallAsync(Activity a, CancellationToken ct)
    {
        // Teams sends both conversationUpdate (bot in membersAdded) and installationUpdate (add) on install; Web Chat and the
        // Emulator only the first. Welcome once, on the conversationUpdate; remember the conversation on either.
        var botAdded = a.MembersAdded?.Any(m => m.Id == a.Recipient?.Id) == true;
        var botRemoved = a.MembersRemoved?.Any(m => m.Id == a.Recipient?.Id) == true || a.Action == "remove";
        if (botAdded || a.Action == "add")
        {
            await conversations.RememberAsync(ConversationKey(a), Address(a), ct);
        }
        if (botAdded)
        {
            await SendAsync(a, ChatReply.Everyone(new ChatView.Welcome()), ct);
        }
        else if (botRemoved)
        {
            // Uninstalled: rounds stop posting here until the bot is added again.
            await conversations.ForgetAsync(ConversationKey(a), "The bot was removed from the conversation.", ct);
        }
        return Turn.Ok;
    }

    private Task ReplyAsync(Activity a, ChatReply reply, CancellationToken ct)
    {
        if (reply.Messages.Count == 0)
        {
            return Task.CompletedTask;
        }
        var to = ConversationAddress.From(a);
        var message = views.Message(to, reply.Messages.Select(m => m.View));
        return a.Id is { } id ? connector.ReplyAsync(to, id, message with { ReplyToId = id }, ct) : connector.SendAsync(to, message, ct);
    }

    private Task SendAsync(Activity a, ChatReply reply, CancellationToken ct)
    {
        var to = ConversationAddress.From(a);
        return connector.SendAsync(to, views.Message(to, reply.Messages.Select(m => m.View)), ct);
    }

    private Turn Invoke(InvokeResponse response, Func<CancellationToken, Task>? after = null)
    {
        if (response.StatusCode != 200)
        {
            LogRefused(log, LogText.Safe(response.Value["message"]?.GetValue<string>()));
        }
        var bytes = new JsonBytes(JsonSerializer.SerializeToUtf8Bytes(response, BotJson.Default.InvokeResponse));
        return new Turn(bytes, after, bytes);
    }

    private static ChatTurn TurnFor(Activity a, TurnInput input) =>
        new(a.ChannelId!, ConversationKey(a), Who(a), input) { Id = a.Id, MessageId = a.ReplyToId, Personal = IsPersonal(a) };

    // Teams names a 1:1 chat "personal" (and a team channel "channel", a group chat "groupChat"); Web Chat and the
    // Emulator send no type, and their conversations are one person's with the bot unless they say it is a group.
    private static bool IsPersonal(Activity a) =>
        a.Conversation is { ConversationType: "personal" } or { ConversationType: null, IsGroup: not true };

    // Rounds post proactively into the channel itself, not the thread a command was typed in.
    private static string Address(Activity a) => TeamsOutbound.Serialize(ConversationAddress.Proactive(a));

    // Configuration lists admins by from.id or aadObjectId, so both travel with the person.
    internal static Participant Who(Activity a) => new(ChatKeys.User(a.ChannelId!, a.From!.Id!), a.From.Name ?? "Someone",
        a.From.AadObjectId is { } aad ? [a.From.Id!, aad] : [a.From.Id!]);

    // A reply in a Teams channel thread carries ";messageid=..." on the conversation id: the round belongs to the channel.
    internal static string ConversationKey(Activity a) => ChatKeys.Conversation(a.ChannelId!, ConversationAddress.BaseId(a.Conversation!.Id!));

    // Teams names each @mention in an entity; the text holds only the display name. The bot's own mention is not a person.
    private static List<Participant> Mentioned(Activity a) =>
        [.. (a.Entities ?? []).Where(e => e.Type == "mention" && e.Mentioned?.Id is { } id && id != a.Recipient?.Id)
            .Select(e => new Participant(ChatKeys.User(a.ChannelId!, e.Mentioned!.Id!), e.Mentioned.Name ?? "That person"))];

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a card action: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? reason);
}
