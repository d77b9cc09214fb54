using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Channels.Teams;

// What the HTTP answer is, and what to send once it has gone (Teams shows the replaced card before the next one).
internal sealed record Turn(IResult Response, Func<CancellationToken, Task>? After = null, InvokeResponse? Invoke = null)
{
    public static readonly Turn Ok = new(TypedResults.Ok());
}

// One activity in, one engine call, one platform answer out. No quiz rules live here.
internal sealed partial class TeamsBot(SelfPacedQuizzes quizzes, QuizCards cards, RoundCommands rounds, ConnectorClient connector, ILogger<TeamsBot> log)
{
    public Task<Turn> OnActivityAsync(Activity a, CancellationToken ct) => a.Type switch
    {
        "message" when a.Value is { ValueKind: JsonValueKind.Object } value => OnSubmitAsync(a, value, ct),
        "message" => OnTextAsync(a, ct),
        "invoke" => OnInvokeAsync(a, ct),
        "conversationUpdate" or "installationUpdate" => OnInstallAsync(a, ct),
        _ => Task.FromResult(Turn.Ok),
    };

    private async Task<Turn> OnTextAsync(Activity a, CancellationToken ct)
    {
        var command = ChatCommand.Parse(MessageText.Plain(a.Text));
        switch (command.Verb)
        {
            case "quiz" or "start":
                await ReplyAsync(a, await StartAsync(a, command.Argument, ct), ct);
                break;
            case var verb when RoundCommands.Handles(verb):
                await ReplyAsync(a, await rounds.OnCommandAsync(a, command, ct), ct);
                break;
            case "help" or "hi" or "hello":
                await ReplyAsync(a, Reply.Text(HelpText.Markdown), ct);
                break;
            default:
                await ReplyAsync(a, Reply.Text(HelpText.Hint), ct);
                break;
        }
        return Turn.Ok;
    }

    // Action.Submit from Web Chat, the Emulator, or Teams: the card data arrives as the message's value.
    private async Task<Turn> OnSubmitAsync(Activity a, JsonElement value, CancellationToken ct)
    {
        var action = CardAction.TryParse(value, out var problem);
        if (action is null)
        {
            await ReplyAsync(a, Reply.Text(problem!), ct);
            return Turn.Ok;
        }
        switch (action.Kind)
        {
            case CardAction.Start:
                await ReplyAsync(a, await StartAsync(a, action.Bank, ct), ct);
                return Turn.Ok;
            case CardAction.ScheduleForm:
                await ReplyAsync(a, await rounds.OnScheduleFormAsync(a, value, ct), ct);
                return Turn.Ok;
            case CardAction.RoundView:
                return Turn.Ok;
            case CardAction.Round:
                var (outcome, card) = await rounds.AnswerAsync(a, action, ct);
                await ReplyAsync(a, card is not null ? Reply.Card(card) : Reply.Text(RoundMessage(outcome)), ct);
                return Turn.Ok;
        }
        var reply = await AnswerAsync(a, action, ct) switch
        {
            AnswerOutcome.Accepted ok => new Reply(null, [cards.Result(ok.Result), NextCard(ok, a.ChannelId!)]),
            AnswerOutcome.AlreadyAnswered again => Reply.Card(cards.Result(again.Result)),
            AnswerOutcome.Rejected no => Reply.Text(no.Reason),
            _ => throw new InvalidOperationException(),
        };
        await ReplyAsync(a, reply, ct);
        return Turn.Ok;
    }

    // Action.Execute in Teams: the answer card goes back inline and replaces the clicked card for that person only.
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
        switch (action.Kind)
        {
            case CardAction.Start:
                var start = await StartAsync(a, action.Bank, ct);
                return Invoke(InvokeResponse.Card(start.Cards[0]));
            case CardAction.ScheduleForm:
                var scheduled = await rounds.OnScheduleFormAsync(a, data, ct);
                return scheduled.Cards.Count > 0 ? Invoke(InvokeResponse.Card(scheduled.Cards[0]))
                    : Invoke(InvokeResponse.Message(scheduled.Message ?? "Done."), after => SendAsync(a, scheduled, after));
            case CardAction.RoundView:
                return await rounds.ViewAsync(a, action, ct) is { } view
                    ? Invoke(InvokeResponse.Card(view))
                    : Invoke(InvokeResponse.Error(404, "NotFound", "That question is not part of a round in this conversation."));
            case CardAction.Round:
                var (outcome, card) = await rounds.AnswerAsync(a, action, ct);
                return outcome switch
                {
                    RoundAnswerOutcome.Rejected no => Invoke(InvokeResponse.Error(400, "BadRequest", no.Reason)),
                    _ when card is not null => Invoke(InvokeResponse.Card(card)),
                    _ => Invoke(InvokeResponse.Message(RoundMessage(outcome))),
                };
        }
        return await AnswerAsync(a, action, ct) switch
        {
            AnswerOutcome.Accepted ok => Invoke(InvokeResponse.Card(cards.Result(ok.Result)),
                after => ReplyAsync(a, Reply.Card(NextCard(ok, a.ChannelId!)), after)),
            AnswerOutcome.AlreadyAnswered again => Invoke(InvokeResponse.Card(cards.Result(again.Result))),
            AnswerOutcome.Rejected no => Invoke(InvokeResponse.Error(400, "BadRequest", no.Reason)),
            _ => throw new InvalidOperationException(),
        };
    }

    private async Task<Turn> OnInstallAsync(Activity a, CancellationToken ct)
    {
        // Teams sends both conversationUpdate (bot in membersAdded) and installationUpdate (add) on install; Web Chat and the
        // Emulator only the first. Welcome once, on the conversationUpdate; remember the conversation on either.
        var botAdded = a.MembersAdded?.Any(m => m.Id == a.Recipient?.Id) == true;
        var botRemoved = a.MembersRemoved?.Any(m => m.Id == a.Recipient?.Id) == true || a.Action == "remove";
        if (botAdded || a.Action == "add")
        {
            await rounds.RememberAsync(a, ct);
        }
        if (botAdded)
        {
            await SendAsync(a, Reply.Card(cards.Welcome(a.ChannelId!)), ct);
        }
        else if (botRemoved)
        {
            await rounds.ForgetAsync(a, ct);
        }
        return Turn.Ok;
    }

    private static string RoundMessage(RoundAnswerOutcome outcome) => outcome switch
    {
        RoundAnswerOutcome.Closed closed => closed.Message,
        RoundAnswerOutcome.Rejected no => no.Reason,
        _ => "Your answer is in.",
    };

    private async Task<Reply> StartAsync(Activity a, string? bank, CancellationToken ct)
    {
        var outcome = await quizzes.StartAsync(Who(a), ConversationKey(a), bank, ct);
        return outcome switch
        {
            StartOutcome.Ask ask => new Reply(ask.Resumed ? "Welcome back! Here is where you stopped." : null,
                [cards.Question(ask.Question, a.ChannelId!)]),
            StartOutcome.ChooseBank choose => Reply.Card(cards.ChooseBank(choose.Banks, a.ChannelId!, "Which quiz would you like to take?")),
            StartOutcome.UnknownBank unknown => Reply.Card(cards.ChooseBank(unknown.Banks, a.ChannelId!,
                $"I don't know a quiz called \"{unknown.Name}\". Pick one of these:")),
            _ => throw new InvalidOperationException(),
        };
    }

    private Task<AnswerOutcome> AnswerAsync(Activity a, CardAction action, CancellationToken ct) =>
        quizzes.AnswerAsync(Who(a), action.SessionId!, action.Question, action.Choice, ct);

    private JsonObject NextCard(AnswerOutcome.Accepted ok, string channelId) =>
        ok.Next is { } next ? cards.Question(next, channelId) : cards.Review(ok.Review!);

    private Task ReplyAsync(Activity a, Reply reply, CancellationToken ct) =>
        reply.IsEmpty ? Task.CompletedTask
        : a.Id is { } id
            ? connector.ReplyAsync(ConversationAddress.From(a), id, reply.ToActivity(ConversationAddress.From(a)) with { ReplyToId = id }, ct)
            : SendAsync(a, reply, ct);

    private Task SendAsync(Activity a, Reply reply, CancellationToken ct) =>
        connector.SendAsync(ConversationAddress.From(a), reply.ToActivity(ConversationAddress.From(a)), ct);

    private Turn Invoke(InvokeResponse response, Func<CancellationToken, Task>? after = null)
    {
        if (response.StatusCode != 200)
        {
            LogRefused(log, response.Value["message"]?.GetValue<string>());
        }
        return new Turn(TypedResults.Json(response, BotJson.Default.InvokeResponse), after, response);
    }

    // Configuration lists admins by from.id or aadObjectId, so both travel with the person.
    internal static Participant Who(Activity a) => new($"{a.ChannelId}:{a.From!.Id}", a.From.Name ?? "Someone",
        a.From.AadObjectId is { } aad ? [a.From.Id!, aad] : [a.From.Id!]);

    // A reply in a Teams channel thread carries ";messageid=..." on the conversation id: the round belongs to the channel.
    internal static string ConversationKey(Activity a) => $"{a.ChannelId}:{ConversationAddress.BaseId(a.Conversation!.Id!)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a card action: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? reason);
}

internal sealed record Reply(string? Message, IReadOnlyList<JsonObject> Cards)
{
    public static Reply Text(string text) => new(text, []);

    public static Reply Card(JsonObject card) => new(null, [card]);

    public static readonly Reply None = new(null, []);

    public bool IsEmpty => Message is null && Cards.Count == 0;

    public Activity ToActivity(ConversationAddress to) => to.Message(Message, [.. Cards]);
}
