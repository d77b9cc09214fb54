using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Uploads;

// Bank files as an admin would send them to the bot.
internal static class UploadBanks
{
    public const string Id = "upload-basics";
    public const string Title = "Upload basics";
    public const string FirstQuestion = "Which planet is known as the red planet?";

    public static byte[] Json(string id = Id, string title = Title)
    {
        var bank = new JsonObject
        {
            ["formatVersion"] = 1,
            ["id"] = id,
            ["title"] = title,
            ["questions"] = new JsonArray(
                Question("red-planet", FirstQuestion, ["Venus", "Mars", "Jupiter", "Mercury"], 1),
                Question("largest-planet", "Which planet is the largest?", ["Earth", "Saturn", "Jupiter", "Neptune"], 2),
                Question("closest-star", "Which star is closest to Earth?", ["Sirius", "Proxima Centauri", "The Sun", "Vega"], 2)),
        };
        return Encoding.UTF8.GetBytes(bank.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    // Valid JSON up to line 3, where a comma is missing.
    public static byte[] BrokenJson() => Encoding.UTF8.GetBytes("{\n  \"formatVersion\": 1,\n  \"id\": \"broken\" \"title\": \"Broken\"\n}\n");

    // GIFT: one multiple-choice question QuizBot reads, then an essay question (line 8) it skips.
    public static byte[] GiftWithEssay() => Encoding.UTF8.GetBytes("""
        // Planets, for the upload tests
        ::Red planet:: Which planet is known as the red planet? {
          ~Venus
          =Mars
          ~Jupiter
        }

        ::Essay:: Write a few lines about the planets. {}
        """);

    // Aiken whose second question names an answer that is not among its options, on line 9.
    public static byte[] BrokenAiken() => Encoding.UTF8.GetBytes("Q1?\nA. a\nB. b\nANSWER: A\n\nQ2?\nA. a\nB. b\nANSWER: C\n");

    private static JsonObject Question(string id, string text, string[] choices, int answer) => new()
    {
        ["id"] = id,
        ["text"] = text,
        ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]),
        ["answer"] = answer,
        ["explanation"] = "Because it is.",
    };
}
