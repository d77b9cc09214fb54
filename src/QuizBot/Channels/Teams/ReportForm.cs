using QuizBot.Chat;

namespace QuizBot.Channels.Teams;

// The "Report a problem" form under a private result (an Action.ShowCard in result.json and round-result.json): a
// reason, a short text, and a send action whose data names the result; Teams puts the inputs beside that data.
internal static class ReportForm
{
    public static object For(CardAction.Report? report) => new
    {
        title = Wording.ReportTitle,
        reasonLabel = Wording.ReportReasonLabel,
        reasonError = "Pick what is wrong.",
        reasons = DisputeCommands.Reasons.Select(r => new { value = r.Value, title = r.Title }),
        textLabel = Wording.ReportTextLabel,
        send = Wording.ReportSend,
        data = report?.ToData(),
    };
}
