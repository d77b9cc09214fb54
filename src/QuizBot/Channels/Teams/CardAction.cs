using System.Text.Json;

namespace QuizBot.Channels.Teams;

// The data QuizBot puts behind a card button, read back defensively: card data comes from the client and can be forged.
// Kinds: answer {s,q,c} (self-paced), start {bank}, round {p,c} (answer to a posted round question),
// round-view {p} (Teams refresh: show me my view of a post), schedule-form (the admin form; its inputs arrive beside it).
internal sealed record CardAction(string Kind, string? SessionId, int Question, int Choice, string? Bank, string? PostId = null)
{
    public const string Answer = "answer";
    public const string Start = "start";
    public const string Round = "round";
    public const string RoundView = "round-view";
    public const string ScheduleForm = "schedule-form";

    public static object RoundAnswerData(string postId, int choice) => new { action = Round, p = postId, c = choice };

    public static object RoundViewData(string postId) => new { action = RoundView, p = postId };

    public static object ScheduleFormData() => new { action = ScheduleForm };

    public static object AnswerData(string sessionId, int question, int choice) => new { action = Answer, s = sessionId, q = question, c = choice };

    public static object StartData(string? bank) => new { action = Start, bank };

    // Returns null with a reason when the data is not something QuizBot could have sent.
    public static CardAction? TryParse(JsonElement data, out string? problem)
    {
        problem = null;
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.String)
        {
            problem = "The card data has no action.";
            return null;
        }
        switch (a.GetString())
        {
            case Answer:
                var session = String(data, "s");
                var q = Int(data, "q");
                var c = Int(data, "c");
                if (session is null || q is null || c is null)
                {
                    problem = "The answer is missing its quiz, question or choice.";
                    return null;
                }
                return new CardAction(Answer, session, q.Value, c.Value, null);
            case Start:
                return new CardAction(Start, null, 0, 0, String(data, "bank"));
            case Round:
            case RoundView:
                var post = String(data, "p");
                var choice = a.GetString() == Round ? Int(data, "c") : 0;
                if (post is null || choice is null)
                {
                    problem = "The answer is missing its question or choice.";
                    return null;
                }
                return new CardAction(a.GetString()!, null, 0, choice.Value, null, post);
            case ScheduleForm:
                return new CardAction(ScheduleForm, null, 0, 0, null);
            default:
                problem = "The card asked for an action QuizBot does not know.";
                return null;
        }
    }

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 512 } s ? s : null;

    private static int? Int(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
