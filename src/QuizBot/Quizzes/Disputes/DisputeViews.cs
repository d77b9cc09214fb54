using QuizBot.Storage;

namespace QuizBot.Quizzes.Disputes;

// What a report names on the card it came from: a round post, or a step of a self-paced session. Everything else (the
// bank, the question, the conversation) is read back from the store, never taken from the card.
internal abstract record DisputeTarget
{
    public sealed record Post(string PostId) : DisputeTarget;
    public sealed record Session(string SessionId, int Index) : DisputeTarget;
}

internal abstract record ReportOutcome
{
    public sealed record Stored(string QuestionText) : ReportOutcome;
    public sealed record AlreadyReported(DisputeReport First, string QuestionText) : ReportOutcome;
    // Bad input (no reason, text too long or missing): a sentence that says what to fix; nothing was stored.
    public sealed record Invalid(string Reason, DisputeField Field) : ReportOutcome;
    // Not something this person could report here (forged or stale card data); nothing was stored.
    public sealed record Rejected(string Reason) : ReportOutcome;
}

internal enum DisputeField
{
    Reason,
    Text,
}

// One reported question of a conversation, with its reports. Question: null when it has left the bank.
internal sealed record DisputedQuestion(string BankId, string QuestionId, string BankTitle, Question? Question, IReadOnlyList<DisputeReport> Reports)
{
    public int Count => Reports.Count;

    public IReadOnlyList<(DisputeReason Reason, int Count)> Reasons =>
        [.. Reports.GroupBy(r => r.Reason).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
}

internal sealed record DisputesView(IReadOnlyList<DisputedQuestion> Questions, int MoreQuestions);

internal abstract record DisputesOutcome
{
    public sealed record Refused(string Reason) : DisputesOutcome;
    public sealed record Nothing : DisputesOutcome;
    public sealed record Open(DisputesView View) : DisputesOutcome;
}

// What the reporter of one decided report is told, privately, in the conversation they reported from.
internal sealed record DisputeNotice(DisputeReport Report, string Message);

internal abstract record DecideOutcome
{
    // Notices: one per report this decision closed, for the channel to deliver to each reporter.
    public sealed record Decided(string Summary, IReadOnlyList<DisputeNotice> Notices) : DecideOutcome;
    public sealed record AlreadyDecided(string Summary) : DecideOutcome;
    public sealed record Refused(string Reason) : DecideOutcome;
}
