using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace QuizBot.Quizzes.Rounds;

// Reads `schedule daily 09:00 Europe/Berlin window 8h bank <name>` and its friends. Every problem comes
// back as one sentence that says what to type instead.
internal static partial class ScheduleParser
{
    public const string Usage =
        "Try `schedule daily 09:00 Europe/Berlin`, `schedule weekdays 09:30 America/New_York window 8h bank <bank name>` " +
        "or `schedule cron \"0 9 * * 1-5\" UTC`. Options: `window 2h`, `questions 2`, `repeat`, `weekly-board`, `bank <name>`.";

    private static readonly string[] Options = ["window", "questions", "repeat", "no-repeat", "weekly-board", "bank"];
    private static readonly Dictionary<string, string> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = "1", ["monday"] = "1", ["tue"] = "2", ["tuesday"] = "2", ["wed"] = "3", ["wednesday"] = "3",
        ["thu"] = "4", ["thursday"] = "4", ["fri"] = "5", ["friday"] = "5", ["sat"] = "6", ["saturday"] = "6",
        ["sun"] = "0", ["sunday"] = "0",
    };

    public static ScheduleRequest Parse(string text, BankCatalog banks, DateTimeOffset now)
    {
        var tokens = Tokens(text);
        var i = 0;
        string Next(string what) => i < tokens.Count ? tokens[i++] : throw new ScheduleException($"The schedule needs {what}. {Usage}");

        string cron;
        string scheduleText;
        var kind = Next("a form such as daily, weekdays, weekly or cron").ToLowerInvariant();
        switch (kind)
        {
            case "daily" or "weekdays":
                var (h, m) = Time(Next("a time such as 09:00"));
                cron = $"{m} {h} * * {(kind == "daily" ? "*" : "1-5")}";
                scheduleText = $"{kind} {h:00}:{m:00}";
                break;
            case "weekly":
                var dayText = Next("a day such as monday");
                var days = dayText.Split(',').Select(d => Days.TryGetValue(d, out var n) ? n : throw new ScheduleException($"'{Markup.Plain(d)}' is not a day of the week. Use monday to sunday, e.g. `weekly mon,thu 09:00`.")).ToList();
                var (wh, wm) = Time(Next("a time such as 09:00"));
                cron = $"{wm} {wh} * * {string.Join(',', days)}";
                scheduleText = $"weekly {dayText.ToLowerInvariant()} {wh:00}:{wm:00}";
                break;
            case "cron":
                cron = Next("a cron expression in quotes, such as \"0 9 * * 1-5\"");
                if (!CronExpression.TryParse(cron, CronFormat.Standard, out _))
                {
                    throw new ScheduleException($"\"{Markup.Plain(cron)}\" is not a valid cron expression: use five fields, minute hour day-of-month month day-of-week, e.g. \"0 9 * * 1-5\".");
                }
                scheduleText = $"cron \"{cron}\"";
                break;
            default:
                throw new ScheduleException($"I don't know the schedule form '{Markup.Plain(kind)}'. {Usage}");
        }

        var zone = TimeZoneInfo.Utc;
        if (i < tokens.Count && !Options.Contains(tokens[i], StringComparer.OrdinalIgnoreCase))
        {
            var id = tokens[i++];
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !id.Contains('/', StringComparison.Ordinal) && id is not ("UTC" or "Etc/UTC"))
            {
                throw new ScheduleException($"'{Markup.Plain(id)}' is not a time zone I know. Use an IANA name such as Europe/Berlin, America/New_York or UTC.");
            }
            zone = found;
        }

        TimeSpan? window = null;
        var questions = 1;
        var repeat = true;
        var weeklyBoard = false;
        string? bankName = null;
        while (i < tokens.Count)
        {
            var option = tokens[i++].ToLowerInvariant();
            switch (option)
            {
                case "window":
                    window = Duration(Next("a duration such as 8h or 90m"));
                    break;
                case "questions":
                    var count = Next("a number of questions per post");
                    if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out questions) || questions is < 1 or > ScheduleRequest.MaxQuestionsPerPost)
                    {
                        throw new ScheduleException($"`questions` takes a number from 1 to {ScheduleRequest.MaxQuestionsPerPost}, not '{Markup.Plain(count)}'.");
                    }
                    break;
                case "repeat":
                    repeat = true;
                    break;
                case "no-repeat":
                    repeat = false;
                    break;
                case "weekly-board":
                    weeklyBoard = true;
                    break;
                case "bank":
                    var words = new List<string>();
                    while (i < tokens.Count && !Options.Contains(tokens[i], StringComparer.OrdinalIgnoreCase))
                    {
                        words.Add(tokens[i++]);
                    }
                    bankName = words.Count > 0 ? string.Join(' ', words) : throw new ScheduleException("`bank` needs a bank name, e.g. `bank model-compression`.");
                    break;
                default:
                    throw new ScheduleException($"I don't understand '{Markup.Plain(option)}' here. {Usage}");
            }
        }

        var bank = PickBank(banks, bankName);
        var expression = CronExpression.Parse(cron, CronFormat.Standard);
        var shortest = ScheduleRequest.ShortestInterval(expression, zone, now);
        if (shortest == TimeSpan.MaxValue)
        {
            throw new ScheduleException($"The schedule {scheduleText} never comes round in the next 60 days.");
        }
        if (window is { } w && w > shortest)
        {
            throw new ScheduleException($"The window of {Describe(w)} is longer than the {Describe(shortest)} between two posts; use a window of at most {Describe(shortest)}.");
        }
        var effective = window ?? (shortest < ScheduleRequest.DefaultWindow ? shortest : ScheduleRequest.DefaultWindow);
        return new ScheduleRequest(cron, scheduleText, zone, effective, bank, questions, repeat, weeklyBoard);
    }

    public static QuestionBank PickBank(BankCatalog banks, string? name)
    {
        if (banks.All.Count == 0)
        {
            throw new ScheduleException("There are no question banks yet: import one first (send me a bank file in a 1:1 chat, or `banks import`).");
        }
        var names = string.Join(", ", banks.All.Select(b => Markup.Plain(b.Id)));
        if (name is null)
        {
            return banks.All.Count == 1 ? banks.All.First() : throw new ScheduleException($"Which bank? Add `bank <name>`; the banks are: {names}.");
        }
        return banks.Find(name) ?? throw new ScheduleException($"There is no bank called '{Markup.Plain(name)}'. The banks are: {names}.");
    }

    public static string Describe(TimeSpan t) =>
        t.TotalMinutes < 60 ? $"{t.TotalMinutes:0} minutes"
        : t.TotalHours < 48 ? (t.Minutes == 0 ? $"{t.TotalHours:0} hours" : $"{(int)t.TotalHours}h{t.Minutes:00}")
        : $"{t.TotalDays:0.#} days";

    private static (int Hour, int Minute) Time(string text)
    {
        var match = TimeOfDay().Match(text);
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 23 || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) > 59)
        {
            throw new ScheduleException($"'{Markup.Plain(text)}' is not a time of day; use 24-hour HH:MM such as 09:30.");
        }
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static TimeSpan Duration(string text)
    {
        var match = DurationPattern().Match(text.ToLowerInvariant());
        if (!match.Success || match.Length == 0)
        {
            throw new ScheduleException($"'{Markup.Plain(text)}' is not a duration; use for example 30m, 8h or 1d.");
        }
        int Part(int g) => match.Groups[g].Success ? int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var duration = new TimeSpan(Part(1), Part(2), Part(3), 0);
        return duration >= TimeSpan.FromMinutes(1) ? duration : throw new ScheduleException("The window must be at least one minute.");
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (Match m in Token().Matches(text.Replace('“', '"').Replace('”', '"')))
        {
            tokens.Add(m.Groups[1].Success ? m.Groups[1].Value.Trim() : m.Value);
        }
        return tokens;
    }

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Token();

    // ASCII digits only: \d also matches other scripts' digits (٠٩:٣٠), which int.Parse then refuses with an exception.
    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^(?:([0-9]{1,3})d)?(?:([0-9]{1,3})h)?(?:([0-9]{1,4})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}

internal sealed class ScheduleException(string message) : Exception(message);
