namespace QuizBot.Chat;

// Who sees a reply part. Channels decide how: Teams answers an invoke inline for InPlace and Clicker and posts
// Everyone; Slack updates the clicked message or sends an ephemeral one.
internal enum Audience
{
    // A new message in the conversation.
    Everyone,
    // Only the person who clicked, without touching the card they clicked.
    Clicker,
    // In place of the clicked card, for the person who clicked.
    InPlace,
}

internal sealed record ChatMessage(ChatView View, Audience Audience);

internal sealed record ChatReply(IReadOnlyList<ChatMessage> Messages)
{
    public static readonly ChatReply None = new([]);

    public static ChatReply To(Audience audience, params ChatView[] views) => new([.. views.Select(v => new ChatMessage(v, audience))]);

    public static ChatReply Everyone(params ChatView[] views) => To(Audience.Everyone, views);

    public static ChatReply Text(string markup) => Everyone(new ChatView.Text(markup));

    public static ChatReply Refuse(string reason) => To(Audience.Clicker, new ChatView.Refusal(reason));
}
