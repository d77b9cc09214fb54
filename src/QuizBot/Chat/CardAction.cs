using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuizBot.Chat;

// The data QuizBot puts behind a button, read back defensively: it comes from the client and can be forged. The same
// JSON travels in an Adaptive Card's data and a Block Kit button's value, so already-posted cards keep working.
internal abstract record CardAction
{
    // Self-paced quiz: an answer to question Question of session SessionId.
    public sealed record Answer(string SessionId, int Question, int Choice) : CardAction;

    public sealed record Start(string? Bank) : CardAction;

    // An answer to a posted round question.
    public sealed record RoundAnswer(string PostId, int Choice) : CardAction;

    // "Show me my view of this post" (Teams asks on its own when it shows a card that lists the person for a refresh).
    public sealed record RoundView(string PostId) : CardAction;

    // An answer to a question asked in review: the card of question QuestionId of bank BankId, asked at step Step (see
    // IReviewStore); Right and Answered count the sitting so far. Whose card it is comes from the click, never from here.
    public sealed record Recall(string BankId, string QuestionId, int Step, int Choice, int Right, int Answered) : CardAction;

    // The admin's schedule form; its inputs arrive beside the action.
    public sealed record ScheduleForm(IReadOnlyDictionary<string, string> Fields) : CardAction;

    // "Report a problem" on a private result: a round post (PostId) or a session step (SessionId, Question). Reason and Said
    // Said are the form's inputs (the channel puts them beside the action); the rest of the report is read from the store.
    public sealed record Report(string? PostId, string? SessionId, int? Question, string? Reason, string? Said) : CardAction;

    // An admin's decision on a reported question: Verdict "void", "answer" (with Choice) or "dismiss".
    public sealed record Dispute(string BankId, string QuestionId, string Verdict, int? Choice) : CardAction;

    public const string RoundViewVerb = "round-view";
    public const string ReportVerb = "report";
    public const string DisputeVerb = "dispute";

    public const int MaxValueLength = 512;

    public JsonObject ToData() => this switch
    {
        Answer a => new() { ["action"] = "answer", ["s"] = a.SessionId, ["q"] = a.Question, ["c"] = a.Choice },
        Start s => new() { ["action"] = "start", ["bank"] = s.Bank },
        RoundAnswer r => new() { ["action"] = "round", ["p"] = r.PostId, ["c"] = r.Choice },
        RoundView v => new() { ["action"] = RoundViewVerb, ["p"] = v.PostId },
        ScheduleForm => new() { ["action"] = "schedule-form" },
        Recall r => new() { ["action"] = "recall", ["b"] = r.BankId, ["q"] = r.QuestionId, ["k"] = r.Step, ["c"] = r.Choice, ["r"] = r.Right, ["n"] = r.Answered },
        Report { PostId: { } post } => new() { ["action"] = ReportVerb, ["p"] = post },
        Report r => new() { ["action"] = ReportVerb, ["s"] = r.SessionId, ["q"] = r.Question },
        Dispute d => d.Choice is { } c
            ? new() { ["action"] = DisputeVerb, ["b"] = d.BankId, ["qid"] = d.QuestionId, ["v"] = d.Verdict, ["c"] = c }
            : new() { ["action"] = DisputeVerb, ["b"] = d.BankId, ["qid"] = d.QuestionId, ["v"] = d.Verdict },
        _ => throw new InvalidOperationException(),
    };

    private static readonly string[] FormFields = ["when", "tz", "window", "questions", "repeat", "weeklyBoard", "bank"];

    // Null with a reason when the data is not something QuizBot could have sent.
    public static CardAction? TryParse(JsonElement data, out string? problem)
    {
        try
        {
            return Parse(data, out problem);
        }
        catch (InvalidOperationException)
        {
            // A field name that escapes half a surrogate pair throws as soon as a lookup has to unescape it.
            problem = "The card data is not valid text.";
            return null;
        }
    }

    private static CardAction? Parse(JsonElement data, out string? problem)
    {
        problem = null;
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("action", out var kind) || kind.ValueKind != JsonValueKind.String)
        {
            problem = "The card data has no action.";
            return null;
        }
        switch (Text(kind))
        {
            case "answer":
                if (String(data, "s") is { } session && Int(data, "q") is { } q && Int(data, "c") is { } c)
                {
                    return new Answer(session, q, c);
                }
                problem = "The answer is missing its quiz, question or choice.";
                return null;
            case "start":
                return new Start(String(data, "bank"));
            case "round":
                if (String(data, "p") is { } post && Int(data, "c") is { } choice)
                {
                    return new RoundAnswer(post, choice);
                }
                problem = "The answer is missing its question or choice.";
                return null;
            case RoundViewVerb:
                if (String(data, "p") is { } viewed)
                {
                    return new RoundView(viewed);
                }
                problem = "The answer is missing its question or choice.";
                return null;
            case "recall":
                if (String(data, "b") is { } bank && String(data, "q") is { } question && Int(data, "k") is { } step && Int(data, "c") is { } picked)
                {
                    return new Recall(bank, question, step, picked, Int(data, "r") ?? 0, Int(data, "n") ?? 0);
                }
                problem = "The answer is missing its question or choice.";
                return null;
            case "schedule-form":
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var name in FormFields)
                {
                    if (data.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        && (v.ValueKind == JsonValueKind.Number ? v.GetRawText() : Text(v))?.Trim() is { Length: > 0 and <= MaxValueLength } text)
                    {
                        fields[name] = text;
                    }
                }
                return new ScheduleForm(fields);
            case ReportVerb:
                var reason = String(data, "reason");
                // Read whole, whatever its length: the engine refuses an oversized text with its length and the limit.
                var said = data.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? Text(t) : null;
                if (String(data, "p") is { } reported)
                {
                    return new Report(reported, null, null, reason, said);
                }
                if (String(data, "s") is { } reportedSession && Int(data, "q") is { } reportedStep)
                {
                    return new Report(null, reportedSession, reportedStep, reason, said);
                }
                problem = "The report is missing the result it is about.";
                return null;
            case DisputeVerb:
                if (String(data, "b") is { } disputedBank && String(data, "qid") is { } disputedQuestion && String(data, "v") is "void" or "answer" or "dismiss")
                {
                    return new Dispute(disputedBank, disputedQuestion, String(data, "v")!, Int(data, "c"));
                }
                problem = "The decision is missing its question or what to do.";
                return null;
            default:
                problem = "The card asked for an action QuizBot does not know.";
                return null;
        }
    }

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && Text(v) is { Length: > 0 and <= MaxValueLength } s ? s : null;

    // JSON may escape half a surrogate pair ("\uD800"): it parses, but is no text, and GetString throws on it.
    private static string? Text(JsonElement v)
    {
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static int? Int(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
