using Microsoft.Extensions.Options;
using QuizBot.Dashboard;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Chat;

// `dashboard` (a private one-time sign-in link) and the managers who may read a conversation's dashboard.
internal sealed partial class DashboardCommands(
    SignInLinks links, IDashboardIdentities identities, IOptions<DashboardOptions> options, Admins admins, IConversationStore store,
    ChatOutbounds outbounds, Conversations conversations, ILogger<DashboardCommands> log)
{
    public static bool Handles(string verb) => verb is "dashboard" or "manager" or "managers";

    public async Task<ChatReply> OnCommandAsync(ChatTurn turn, TurnInput.Command input, string? address, CancellationToken ct)
    {
        if (input.Text.Verb == "dashboard")
        {
            return await LinkAsync(turn, address, ct);
        }
        if (!await admins.IsAdminAsync(turn.Who, turn.ConversationKey, ct))
        {
            return ChatReply.Text(Admins.Refusal);
        }
        return input.Text.Verb == "managers"
            ? ChatReply.Text(await ListAsync(turn.ConversationKey, ct))
            : ChatReply.Text(await GrantAsync(turn.ConversationKey, input.Text.Argument, input.Mentioned, ct));
    }

    // The link goes to the person alone: in a 1:1 chat as the answer, elsewhere through the channel's private reply.
    // It is never posted where others can read it (whoever opens it first is signed in as the person).
    private async Task<ChatReply> LinkAsync(ChatTurn turn, string? address, CancellationToken ct)
    {
        if (!options.Value.Configured)
        {
            return ChatReply.Text($"The dashboard is not set up on this QuizBot: its operator sets {Markup.Code("QuizBot:Dashboard:PublicBaseUrl")} to the service's public address.");
        }
        await identities.RememberAsync(turn.Who, turn.ConversationKey, ct);
        var text = DashboardWording.Link(links.Create(turn.Who, turn.ConversationKey), options.Value.LinkMinutes);
        if (turn.Personal)
        {
            return ChatReply.Text(text);
        }
        address ??= await conversations.AddressAsync(turn.ConversationKey, ct);
        if (outbounds.For(turn.ConversationKey) is not { } channel || address is null)
        {
            return ChatReply.Text(DashboardWording.NotSentPrivately);
        }
        try
        {
            await channel.TellAsync(address, turn.Who.Key, new ChatView.Text(text), ct);
        }
        catch (DeliveryFailedException e)
        {
            LogNotSent(log, turn.ConversationKey, e.Message);
            return ChatReply.Text(DashboardWording.NotSentPrivately);
        }
        return ChatReply.Text(DashboardWording.SentPrivately);
    }

    private async Task<string> ListAsync(string conversation, CancellationToken ct)
    {
        var managers = await store.GetManagersAsync(conversation, ct);
        return managers.Count == 0
            ? $"No managers here yet. An admin adds one with {Markup.Code("manager add @person")}."
            : "Managers here (they can read this conversation's dashboard): " + string.Join(", ", managers.Select(m => Markup.Code(ChatKeys.LocalId(m)))) + ".";
    }

    private async Task<string> GrantAsync(string conversation, string argument, IReadOnlyList<Participant> mentioned, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grant = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        if (grant is not ("add" or "remove"))
        {
            return $"Try {Markup.Code("manager add @person")}, {Markup.Code("manager remove @person")} or {Markup.Code("managers")}.";
        }
        // The person comes from the channel's mention, never from the typed name.
        if (mentioned.Count == 0)
        {
            return $"Mention the person: {Markup.Code($"manager {grant} @name")}.";
        }
        var person = mentioned[0];
        var changed = await store.SetManagerAsync(conversation, person.Key, grant == "add", ct);
        var name = Markup.Plain(person.Name);
        return (grant == "add", changed) switch
        {
            (true, true) => $"{name} is now a manager here: they can read this conversation's dashboard (type {Markup.Code("dashboard")}).",
            (true, false) => $"{name} was already a manager here.",
            (false, true) => $"{name} is no longer a manager here.",
            _ => $"{name} was not a manager here.",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard link for {Conversation} could not be sent privately: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string conversation, string reason);
}

internal static class DashboardWording
{
    public const string SentPrivately = "I sent you a sign-in link privately.";

    public const string NotSentPrivately = "I could not send you a private message here. Open a 1:1 chat with me and type **dashboard** there.";

    public static string Link(string url, int minutes) =>
        $"Your dashboard sign-in link (it works once, for {minutes} minutes; do not share it): {url}";
}
