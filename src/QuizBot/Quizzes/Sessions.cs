namespace QuizBot.Quizzes;

// A person as the engine sees them: a channel-scoped key that never changes, a display name that may, and
// the raw ids the channel knows them by (Teams: from.id and aadObjectId), which configuration lists admins by.
// ChannelAdmin: the channel itself vouches that this person administers it (Slack: a workspace admin or owner).
internal sealed record Participant(string Key, string Name, IReadOnlyList<string>? Ids = null, bool ChannelAdmin = false);

internal enum SessionStatus
{
    Active,
    Completed,
    Abandoned,
}

internal sealed record QuizSession(
    string Id,
    string UserKey,
    string ConversationKey,
    string BankId,
    int Position,
    int Score,
    SessionStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? QuestionIds = null,
    int? BankVersion = null)
{
    // The ids of the session's questions in the order asked, fixed when it starts (QuestionIds joins them with commas,
    // which ids never contain). Null for a session started before ids were kept: it follows the bank's order.
    public IReadOnlyList<string>? Order => QuestionIds?.Split(',');

    public static string Join(IEnumerable<string> questionIds) => string.Join(',', questionIds);
}

// QuestionIndex: the step in the session's own order; QuestionId: the question asked there (null in answers stored
// before ids were kept). Choice is Skipped for a question withdrawn from the bank before it was answered.
internal sealed record SessionAnswer(string SessionId, int QuestionIndex, int Choice, bool Correct, DateTimeOffset AnsweredAt, string? QuestionId = null)
{
    public const int Skipped = -1;
}

// Inserted is false when the answer already existed (Existing holds it) or the session moved on.
internal sealed record SessionAnswerWrite(bool Inserted, SessionAnswer? Existing);
