using QuizBot.Quizzes;

namespace QuizBot.Chat;

// One channel-neutral turn: who, in which conversation, and what they did. Channels build it from their payloads.
internal sealed record ChatTurn(string Channel, string ConversationKey, Participant Who, TurnInput Input)
{
    // The channel's id of this delivery, the same on its redeliveries and retries (Teams: the activity id; Slack: the
    // event id of a message, the trigger id of a slash command), when it gives one.
    public string? Id { get; init; }

    // The message a click was on (Teams: replyToId; Slack: container.message_ts), when the channel says.
    public string? MessageId { get; init; }

    // A 1:1 chat between the person and the bot (Teams: a personal chat; Slack: a direct message with the app).
    public bool Personal { get; init; }
}

internal abstract record TurnInput
{
    // Typed text after the channel removed its own markup; Mentioned are the people it named (never the bot).
    public sealed record Command(ChatCommand Text, IReadOnlyList<Participant> Mentioned) : TurnInput;

    // A click on one of QuizBot's own buttons or forms.
    public sealed record Action(CardAction Value) : TurnInput;
}
