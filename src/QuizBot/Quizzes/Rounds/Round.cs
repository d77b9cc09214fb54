namespace QuizBot.Quizzes.Rounds;

internal enum RoundStatus
{
    Active,
    Paused,
    Cancelled,
}

// A conversation's schedule of questions. One round per conversation: scheduling again replaces it.
internal sealed record Round(
    string ConversationKey,
    string BankId,
    string Cron,
    string ScheduleText,
    string TimeZone,
    int QuestionsPerPost,
    TimeSpan Window,
    bool Repeat,
    bool WeeklyBoard,
    RoundStatus Status,
    int Cursor,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? NextBoardAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    long Version);

internal enum PostState
{
    Claimed,
    Posted,
    Closed,
    Failed,

    // Counts for nobody: its question was withdrawn from the bank while the post was open. Final, like Closed.
    Void,
}

// The question a post asked, as it stood when posted: its id and the key its answers are scored and tallied with,
// whatever the bank says later. Rows stored before ids were kept know only the question's position in the bank
// (LegacyPosition, Id empty); PostedQuestions resolves them against the bank as it is.
internal sealed record PostedQuestion(string Id, int Answer, int Choices, int? LegacyPosition = null)
{
    public static PostedQuestion Of(Question question) => new(question.Id, question.Answer, question.Choices.Count);

    public static PostedQuestion AtLegacyPosition(int position) => new("", -1, 0, position);
}

// One question posted to a conversation. The id is derived from the slot, so two instances that both
// see a slot due try to create the same post and only one succeeds. A claim is a lease: until LeaseUntil the claiming
// instance is sending the card; past it, with the post still Claimed, the send's outcome is unknown and a tick resolves it.
internal sealed record RoundPost(
    string Id,
    string ConversationKey,
    string BankId,
    PostedQuestion Question,
    DateTimeOffset SlotAt,
    DateTimeOffset ClosesAt,
    string TimeZone,
    PostState State,
    string? MessageId,
    DateTimeOffset? PostedAt,
    string ClaimedBy,
    IReadOnlyList<int>? Tally,
    bool ClosedCardSent,
    DateTimeOffset? LeaseUntil = null,
    int? BankVersion = null)
{
    public static string IdFor(string conversationKey, DateTimeOffset slot, int n) =>
        $"{conversationKey}|{slot.ToUnixTimeSeconds()}|{n}";

    // A `post now` the channel names (Teams activity id, Slack event or trigger id): a redelivery or retry of the same
    // command finds the same post. Hashed: a channel's id may be long or contain the '|' that separates the parts.
    public static string IdForTurn(string conversationKey, string turnId) =>
        $"{conversationKey}|turn-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(turnId)))[..24]}|0";
}

internal sealed record PostAnswer(string PostId, string UserKey, string UserName, int Choice, bool Correct, DateTimeOffset AnsweredAt);

// A person's standing in one conversation for one period ("all", "week:2026-W48", "month:2026-11").
internal sealed record BoardEntry(string UserKey, string Name, int Points, int Correct, int Answered, int Streak, int BestStreak)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
}
