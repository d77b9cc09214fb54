using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace QuizBot.Tests.Hostile;

// Text and JSON a hostile client controls. Lone surrogates cannot travel in a .NET string that is serialized, so they
// are written as markers and turned into raw \uD800-style escapes in the JSON text (Json()).
internal static class Generators
{
    public const string LoneHigh = "~LONEHIGH~";
    public const string LoneLow = "~LONELOW~";

    // Fragments that have broken parsers, renderers and logs elsewhere.
    private static readonly string[] Fragments =
    [
        "\u202E", "\u200F", "\u200E", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\r\n", "\n", "\t", "\u2028",
        LoneHigh, LoneLow, "😀", "👩‍👩‍👧", "e\u0301\u0301\u0301", "\uFFFD", "\uFFFF",
        "*", "_", "~", "`", "```", "&amp;", "&", "<", ">", "<b>", "<at>x</at>", "</at>", "<!channel>", "<!here>", "<@U0ALICE>",
        "<https://evil.example|click>", "[link](https://evil.example)", "@everyone", "\\", "\"", "'", "{", "}", "[", "]",
        "{0}", "%s", "%n", "${x}", "{{name}}", "' OR 1=1 --", "../../etc/passwd", "null", "true", "-1", "2147483648",
        "quiz", "help", "leaderboard", "stats", "missed", "rounds", "pause", "resume", "cancel", "post now", "admin add", "schedule",
        "daily", "09:00", "UTC", "Europe/Berlin", "window", "8h", "bank", " ",
    ];

    public static readonly Gen<string> Fragment = Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i]);

    // Any text: fragments and arbitrary characters mixed, now and then very long (no '<' in the long ones: see Huge).
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(Fragment, Gen.String[0, 12]).Array[0, 8].Select(parts => Marked(string.Concat(parts)))),
        (2, Gen.String.Select(Marked)),
        (1, Huge));

    // Lone surrogates in a generated string become markers, so that serializing it does not throw in the test.
    private static string Marked(string s)
    {
        var text = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                text.Append(s, i++, 2);
            }
            else
            {
                text.Append(char.IsHighSurrogate(s[i]) ? LoneHigh : char.IsLowSurrogate(s[i]) ? LoneLow : s[i].ToString());
            }
        }
        return text.ToString();
    }

    // Long texts, among them long runs of '<' and unclosed "<at>" (which cost quadratic time in the mention and tag
    // patterns Teams text was once read with).
    public static Gen<string> Huge => Gen.OneOf(
        Gen.Int[1_000, 60_000].Select(Gen.Char["ab \u202E\u200B\u0000*_&\u00E9<"], (n, c) => new string(c, n)),
        Gen.Int[1_000, 60_000].Select(Gen.OneOf(Gen.Const("<at>"), Gen.Const("<at>x"), Gen.Const("<a "), Gen.Const("</at>")),
            (n, piece) => string.Concat(Enumerable.Repeat(piece, n / piece.Length))));

    // Any JSON value, nested to some depth, with hostile strings and edge numbers.
    public static readonly Gen<JsonNode?> Value = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (1, self.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Text, self).Array[0, 4].Select(Object))));

    public static Gen<JsonNode?> Scalar => Gen.Frequency<JsonNode?>(
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.OneOf(Gen.Int, Gen.Int[-3, 5], Gen.Const(int.MaxValue), Gen.Const(int.MinValue)).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(Gen.Double, Gen.Const(1e308), Gen.Const(-0.0), Gen.Const(2.5)).Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    public static JsonNode Object(IEnumerable<(string Key, JsonNode? Value)> fields)
    {
        var o = new JsonObject();
        foreach (var (key, value) in fields)
        {
            o[key] = value?.DeepClone();
        }
        return o;
    }

    // The JSON text of a node, lone-surrogate markers turned into escapes that parse to invalid UTF-16.
    public static byte[] Json(JsonNode? node) =>
        Encoding.UTF8.GetBytes((node?.ToJsonString() ?? "null").Replace(LoneHigh, "\\uD800", StringComparison.Ordinal).Replace(LoneLow, "\\uDC00", StringComparison.Ordinal));

    // Bodies that are not the JSON they claim to be: broken, truncated, invalid UTF-8, deeply nested, empty.
    public static readonly Gen<byte[]> Garbage = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        Gen.Const(Array.Empty<byte>()),
        Gen.Const("{"u8.ToArray()),
        Gen.Const("{\"type\":\"message\",\"text\":\"\xFF\"}"u8.ToArray()),
        Gen.Const(new byte[] { 0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC0, 0x80, 0x22, 0x7D }),
        Gen.Int[1, 3000].Select(n => Encoding.ASCII.GetBytes(new string('[', n) + new string(']', n))),
        Gen.Int[1, 3000].Select(n => Encoding.ASCII.GetBytes("{\"type\":\"message\",\"value\":" + string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n) + "}")),
        Text.Select(s => Encoding.UTF8.GetBytes(s)),
        Text.Select(s => Json(s)));

    // A field path of an activity and what to do there: replace with any value, or remove.
    private static readonly string[] ActivityFields =
    [
        "type", "id", "timestamp", "serviceUrl", "channelId", "from", "from.id", "from.name", "from.aadObjectId", "conversation",
        "conversation.id", "conversation.tenantId", "conversation.conversationType", "recipient", "recipient.id", "text",
        "textFormat", "value", "name", "replyToId", "entities", "membersAdded", "membersRemoved", "action", "locale",
        "channelData", "attachments",
    ];

    public static readonly Gen<string> ActivityField = Gen.Int[0, ActivityFields.Length - 1].Select(i => ActivityFields[i]);

    private static readonly string[] ActivityTypes =
        ["message", "invoke", "conversationUpdate", "installationUpdate", "typing", "event", "messageReaction", "endOfConversation"];

    public static readonly Gen<string> ActivityType = Gen.Int[0, ActivityTypes.Length - 1].Select(i => ActivityTypes[i]);

    // Values the activity schema gives meaning to, wrong in ways a careless client (or an attacker) would try.
    public static Gen<JsonNode?> ActivityValue(string field) => field switch
    {
        "type" => Gen.OneOf(ActivityType.Select(t => (JsonNode?)t), Value),
        "serviceUrl" => Gen.OneOf(
            Gen.OneOf(Gen.Const("not a url"), Gen.Const("ftp://x/"), Gen.Const("javascript:alert(1)"), Gen.Const("file:///etc/passwd"),
                Gen.Const("http://[::1"), Gen.Const("https://"), Gen.Const("//evil.example/")).Select(s => (JsonNode?)s),
            Value),
        "entities" => Gen.OneOf(Value, Mentions),
        "membersAdded" or "membersRemoved" => Gen.OneOf(Value, Account.Array[0, 3].Select(a => (JsonNode?)new JsonArray([.. a]))),
        "from" or "recipient" => Gen.OneOf(Value, Account),
        "value" => Gen.OneOf(Value, CardData),
        "channelData" => Gen.OneOf(Value, Value.Select(id => (JsonNode?)new JsonObject { ["tenant"] = new JsonObject { ["id"] = id?.DeepClone() } })),
        _ => Value,
    };

    public static Gen<JsonNode?> Account => Gen.Select(Gen.OneOf(Value, Gen.Const<JsonNode?>("29:ada"), Gen.Const<JsonNode?>("28:quizbot")), Value, Value,
        (id, name, aad) => (JsonNode?)new JsonObject { ["id"] = id?.DeepClone(), ["name"] = name?.DeepClone(), ["aadObjectId"] = aad?.DeepClone() });

    // Mentions, some of huge names.
    public static Gen<JsonNode?> Mentions => Gen.Select(Account, Gen.OneOf(Gen.Const<JsonNode?>("mention"), Value),
        Gen.Frequency((4, Gen.Const("<at>x</at>")), (1, Huge.Select(h => $"<at>{h}</at>"))), (who, type, text) =>
        (JsonNode?)new JsonArray(new JsonObject { ["type"] = type?.DeepClone(), ["mentioned"] = who?.DeepClone(), ["text"] = text }));

    private static readonly string[] Verbs = ["answer", "start", "round", "round-view", "schedule-form"];

    // What a tampered card sends back: QuizBot's own actions with forged ids, choices and fields, or anything at all.
    public static readonly Gen<JsonNode?> CardData = Gen.Frequency(
        (4, Gen.Select(
            Gen.OneOf(Gen.Int[0, Verbs.Length - 1].Select(i => (JsonNode?)Verbs[i]), Value),
            Gen.Select(Gen.Int[0, 11].Select(i => "s q c p bank when tz window questions repeat weeklyBoard action".Split(' ')[i]), PostIdOrValue).Array[0, 6],
            (action, fields) =>
            {
                var data = (JsonObject)Object(fields);
                data["action"] = action?.DeepClone();
                return (JsonNode?)data;
            })),
        (1, Value));

    private static Gen<JsonNode?> PostIdOrValue => Gen.OneOf(
        Value,
        Gen.Const<JsonNode?>(new string('x', 513)),
        Gen.Guid.Select(g => (JsonNode?)g.ToString()),
        Gen.Int[-2, 6].Select(n => (JsonNode?)n),
        Gen.OneOf(Gen.Const("../posts/1"), Gen.Const("C0QUIZ001|1700000000.000100"), Gen.Const("msteams|a:1")).Select(s => (JsonNode?)s));

    // Chat commands: a verb QuizBot knows (or not) and a hostile argument.
    private static readonly string[] CommandVerbs =
        ["quiz", "help", "leaderboard", "stats", "missed", "schedule", "rounds", "pause", "resume", "cancel", "post", "admin", "start", "QUIZ", "Ｑuiz"];

    public static readonly Gen<string> Command = Gen.Select(Gen.Int[0, CommandVerbs.Length - 1].Select(i => CommandVerbs[i]), Text,
        (verb, argument) => $"{verb} {argument}");

    // Schedule texts: the grammar's words in hostile orders and values.
    private static readonly string[] ScheduleWords =
    [
        "daily", "weekdays", "weekly", "cron", "monday", "Sunday", "09:00", "9:30", "23:59", "24:00", "00:60", "-1:00", "99999999999:00", "9", "09:00:00",
        "UTC", "Europe/Berlin", "America/New_York", "Etc/GMT+14", "Mars/Olympus", "../../etc/localtime", "window", "8h", "0h", "999999h", "-2h",
        "1.5h", "questions", "0", "2", "-1", "2147483648", "repeat", "no-repeat", "weekly-board", "bank", "model-compression",
        "\"0 9 * * 1-5\"", "\"* * * * * *\"", "\"\"", "\"", "\"0 0 31 2 *\"", "\"0 9 ? * MON#5\"", "\"@yearly\"",
    ];

    public static readonly Gen<string> Schedule = Gen.OneOf(
            Gen.Int[0, ScheduleWords.Length - 1].Select(i => ScheduleWords[i]),
            Fragment,
            // Digits of other scripts (Arabic-Indic, Devanagari, fullwidth), which once answered HTTP 500.
            Gen.OneOf(Gen.Const("٠٩:٣٠"), Gen.Const("०९:३०"), Gen.Const("０９:００"), Gen.Const("٨h")),
            Gen.String[0, 6])
        .Array[0, 8].Select(words => "schedule " + string.Join(' ', words));

    // Bank files: the format's own fields with wrong types, sizes and contents, or anything at all.
    public static readonly Gen<byte[]> Bank = Gen.Frequency(
        (4, Gen.Select(
            Gen.Select(Mostly(1), Mostly("bank-1"), Gen.Frequency((3, Text.Select(t => (JsonNode?)t)), (1, Value))),
            Gen.Frequency((6, Question.Array[1, 4].Select(qs => (JsonNode?)new JsonArray([.. qs]))), (1, Value)),
            Gen.Frequency((6, Gen.Const(Array.Empty<(string, JsonNode?)>())), (1, Gen.Select(Text, Value).Array[1, 2])),
            (head, questions, extra) =>
            {
                var bank = new JsonObject { ["formatVersion"] = head.Item1?.DeepClone(), ["id"] = head.Item2?.DeepClone(), ["title"] = head.Item3?.DeepClone(), ["questions"] = questions?.DeepClone() };
                foreach (var (key, value) in extra)
                {
                    bank[key] = value?.DeepClone();
                }
                return Json(bank);
            })),
        (1, Garbage));

    // The valid value most of the time, so that some banks load and the checks after the first field run too.
    private static Gen<JsonNode?> Mostly(JsonNode valid) => Gen.Frequency((6, Gen.Const(0).Select(_ => (JsonNode?)valid.DeepClone())), (1, Value));

    private static Gen<JsonNode?> Question => Gen.Select(
        Gen.Frequency((6, Gen.Int[1, 9999].Select(n => (JsonNode?)$"q{n}")), (1, Value)),
        Gen.Frequency((3, Text.Select(t => (JsonNode?)t)), (1, Value)),
        Gen.Frequency((6, Gen.Int[1, 99].Select(Text, (n, t) => n + t).Array[2, 6].Select(cs => (JsonNode?)new JsonArray([.. cs.Select(c => (JsonNode?)c)]))),
            (1, Text.Array[0, 7].Select(cs => (JsonNode?)new JsonArray([.. cs.Select(c => (JsonNode?)c)]))), (1, Value)),
        Gen.Frequency((6, Gen.Int[0, 1].Select(n => (JsonNode?)n)), (1, Gen.Int[-1, 7].Select(n => (JsonNode?)n)), (1, Value)),
        Gen.Frequency((3, Text.Select(t => (JsonNode?)t)), (1, Value)),
        (id, text, choices, answer, explanation) => (JsonNode?)new JsonObject
        {
            ["id"] = id?.DeepClone(), ["text"] = text?.DeepClone(), ["choices"] = choices?.DeepClone(), ["answer"] = answer?.DeepClone(), ["explanation"] = explanation?.DeepClone(),
        });
}
