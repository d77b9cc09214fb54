using Microsoft.Extensions.Options;

namespace QuizBot.Quizzes;

// Checked at start-up. An admin list with a hole in it is a deployment mistake (an environment variable set to
// nothing), and an entry without its channel would match a look-alike id on a channel where the client picks its own.
internal sealed class QuizBotOptionsValidator : IValidateOptions<QuizBotOptions>
{
    public const string HowToWrite = "Write each admin as \"<channel>:<id>\": msteams:<aadObjectId> or msteams:29:… for Teams, " +
        "slack:<team id>:<user id> (e.g. slack:T123:U456) for Slack.";

    public ValidateOptionsResult Validate(string? name, QuizBotOptions o)
    {
        var failures = new List<string>();
        for (var i = 0; i < o.Admins.Count; i++)
        {
            if (Problem(o.Admins[i]) is { } problem)
            {
                failures.Add($"QuizBot:Admins:{i} {problem} {HowToWrite}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Problem(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return "is empty (say, QuizBot__Admins__1 set to nothing): give it a user or remove it.";
        }
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var channel = colon < 0 ? "" : entry[..colon];
        // Channel ids are lower-case words (msteams, slack, webchat); a Teams id such as 29:1abc is not one.
        if (channel.Length == 0 || !channel.All(char.IsAsciiLetterLower) || colon == entry.Length - 1)
        {
            return $"('{entry}') does not say which channel it belongs to.";
        }
        if (channel == "slack" && entry[(colon + 1)..].Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            return $"('{entry}') names a Slack user without the workspace (team) id.";
        }
        return null;
    }
}
