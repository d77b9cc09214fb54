namespace QuizBot.Storage;

// Reports of a wrong or unclear question ("Report a problem") and what admins decided. A report is keyed by
// (conversation, bank, question, reporter): a second report by the same person on the same question is refused, never
// written over, so a double click or a redelivery stores one report.
internal interface IDisputeStore
{
    // False when this person already reported this question in this conversation (Existing holds that report).
    Task<(bool Inserted, DisputeReport? Existing)> AddDisputeAsync(DisputeReport report, CancellationToken ct);

    // Open reports of a conversation, oldest first, at most limit.
    Task<IReadOnlyList<DisputeReport>> GetOpenDisputesAsync(string conversationKey, int limit, CancellationToken ct);

    // Every report (open or decided) of one question in a conversation.
    Task<IReadOnlyList<DisputeReport>> GetDisputesAsync(string conversationKey, string bankId, string questionId, CancellationToken ct);

    // Records the decision on every open report of that question; returns the reports this call decided (with their
    // decision), none when another call decided them first: whoever acts on the result acts once.
    Task<IReadOnlyList<DisputeReport>> ResolveDisputesAsync(string conversationKey, string bankId, string questionId, DisputeDecision decision,
        CancellationToken ct);
}

internal enum DisputeReason
{
    WrongAnswer,
    Unclear,
    Typo,
    Other,
}

internal enum DisputeVerdict
{
    Void,
    NewAnswer,
    Dismissed,
}

// NewAnswer: the right choice from now on (Verdict NewAnswer only).
internal sealed record DisputeDecision(DisputeVerdict Verdict, int? NewAnswer, string DecidedBy, DateTimeOffset At);

// PostId names the round post reported on, SessionId the self-paced session (one of the two). Decision: null while open.
internal sealed record DisputeReport(
    string ConversationKey,
    string BankId,
    string QuestionId,
    string UserKey,
    string UserName,
    DisputeReason Reason,
    string Text,
    string? PostId,
    string? SessionId,
    DateTimeOffset ReportedAt,
    DisputeDecision? Decision = null);
