using System.Text.Json;

namespace QuizBot.Teams;

// The data QuizBot puts behind a card button, read back defensively: card data comes from the client and can be forged.
internal sealed record CardAction(string Kind, string? SessionId, int Question, int Choice, string? Bank)
{
    public const string Answer = "answer";
    public const string Start = "start";

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
            default:
                problem = "The card asked for an action QuizBot does not know.";
                return null;
        }
    }

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 128 } s ? s : null;

    private static int? Int(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
