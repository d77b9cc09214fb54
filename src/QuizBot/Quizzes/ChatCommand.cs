namespace QuizBot.Quizzes;

// What a person typed, after the channel removed its own markup (mentions, HTML): a verb and the rest.
internal sealed record ChatCommand(string Verb, string Argument)
{
    public static ChatCommand Parse(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        return space < 0
            ? new ChatCommand(trimmed.ToLowerInvariant(), "")
            : new ChatCommand(trimmed[..space].ToLowerInvariant(), trimmed[(space + 1)..].Trim());
    }
}
