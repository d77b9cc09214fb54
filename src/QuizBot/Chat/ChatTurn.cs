using QuizBot.Quizzes;

namespace QuizBot.Chat;

// One channel-neutral turn: who, in which conversation, and what they did. Channels build it from their payloads.
internal sealed record ChatTurn(string Channel, string ConversationKey, Participant Who, TurnInput Input);

internal abstract record TurnInput
{
    // Typed text after the channel removed its own markup; Mentioned are the people it named (never the bot).
    public sealed record Command(ChatCommand Text, IReadOnlyList<Participant> Mentioned) : TurnInput;

    // A click on one of QuizBot's own buttons or forms.
    public sealed record Action(CardAction Value) : TurnInput;
}
