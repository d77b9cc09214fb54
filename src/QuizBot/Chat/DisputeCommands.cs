using QuizBot.Quizzes.Disputes;
using QuizBot.Storage;

namespace QuizBot.Chat;

// "Report a problem" and `disputes` in chat, for every channel: what each outcome looks like, who sees it, and the
// private word each reporter gets once an admin decided.
internal sealed partial class DisputeCommands(Disputes disputes, Conversations conversations, ChatOutbounds outbounds, ConversationSends sends,
    ILogger<DisputeCommands> log)
{
    public static bool Handles(string verb) => verb is "disputes" or "dispute" or "reports";

    public async Task<ChatReply> ListAsync(ChatTurn turn, CancellationToken ct) =>
        await disputes.ListAsync(turn.Who, turn.ConversationKey, ct) switch
        {
            DisputesOutcome.Refused no => ChatReply.Text(no.Reason),
            DisputesOutcome.Open open => ChatReply.Everyone(new ChatView.Disputes(open.View)),
            _ => ChatReply.Text(Wording.DisputesNone),
        };

    // address: kept so the reporter can be told the outcome later, also in a 1:1 chat no admin command ever ran in.
    public async Task<ChatReply> ReportAsync(ChatTurn turn, CardAction.Report report, string? address, CancellationToken ct)
    {
        DisputeTarget target = report.PostId is { } post ? new DisputeTarget.Post(post) : new DisputeTarget.Session(report.SessionId!, report.Question ?? -1);
        var outcome = await disputes.ReportAsync(turn.Who, turn.ConversationKey, target, ReasonOf(report.Reason), report.Said, ct);
        switch (outcome)
        {
            case ReportOutcome.Stored stored:
                if (address is not null)
                {
                    await conversations.RememberAsync(turn.ConversationKey, address, ct);
                }
                return ChatReply.To(Audience.Clicker, new ChatView.Text(Wording.DisputeThanks(stored.QuestionText)));
            case ReportOutcome.AlreadyReported again:
                return ChatReply.To(Audience.Clicker, new ChatView.Text(Wording.DisputeAlreadyReported(again.QuestionText)));
            case ReportOutcome.Invalid invalid:
                return ChatReply.To(Audience.Clicker, new ChatView.FormProblem(invalid.Reason, invalid.Field == DisputeField.Reason ? "reason" : "text"));
            case ReportOutcome.Rejected no:
                return ChatReply.Refuse(no.Reason);
            default:
                throw new InvalidOperationException();
        }
    }

    public async Task<ChatReply> DecideAsync(ChatTurn turn, CardAction.Dispute action, CancellationToken ct)
    {
        var verdict = action.Verdict switch
        {
            "void" => DisputeVerdict.Void,
            "answer" => DisputeVerdict.NewAnswer,
            _ => DisputeVerdict.Dismissed,
        };
        switch (await disputes.DecideAsync(turn.Who, turn.ConversationKey, action.BankId, action.QuestionId, verdict, action.Choice, ct))
        {
            case DecideOutcome.Decided decided:
                foreach (var notice in decided.Notices)
                {
                    await TellAsync(notice, ct);
                }
                return ChatReply.To(Audience.Clicker, new ChatView.Text(decided.Summary));
            case DecideOutcome.AlreadyDecided again:
                return ChatReply.To(Audience.Clicker, new ChatView.Text(again.Summary));
            case DecideOutcome.Refused no:
                return ChatReply.Refuse(no.Reason);
            default:
                throw new InvalidOperationException();
        }
    }

    // Each reporter is told where they reported; a conversation that cannot be reached costs only its own notice.
    private async Task TellAsync(DisputeNotice notice, CancellationToken ct)
    {
        var key = notice.Report.ConversationKey;
        if (outbounds.For(key) is not { } channel || await conversations.AddressAsync(key, ct) is not { } address)
        {
            LogNotTold(log, key);
            return;
        }
        await sends.SendAsync(key, t => channel.TellAsync(address, notice.Report.UserKey, new ChatView.Text(notice.Message), t), ct);
    }

    private static DisputeReason? ReasonOf(string? reason) => reason switch
    {
        "wrong" => DisputeReason.WrongAnswer,
        "unclear" => DisputeReason.Unclear,
        "typo" => DisputeReason.Typo,
        "other" => DisputeReason.Other,
        _ => null,
    };

    // The values a report form offers, in the order shown.
    public static IReadOnlyList<(string Value, string Title)> Reasons { get; } =
    [
        ("wrong", Wording.ReasonText(DisputeReason.WrongAnswer)),
        ("unclear", Wording.ReasonText(DisputeReason.Unclear)),
        ("typo", Wording.ReasonText(DisputeReason.Typo)),
        ("other", Wording.ReasonText(DisputeReason.Other)),
    ];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reporter in {Conversation} could not be told the outcome: the conversation has no address")]
    private static partial void LogNotTold(ILogger logger, string conversation);
}
