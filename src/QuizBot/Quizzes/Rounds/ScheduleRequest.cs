using Cronos;

namespace QuizBot.Quizzes.Rounds;

// A validated schedule, whether typed as a command or filled in on the card form.
internal sealed record ScheduleRequest(
    string Cron, string ScheduleText, TimeZoneInfo Zone, TimeSpan Window, QuestionBank Bank, int QuestionsPerPost, bool Repeat, bool WeeklyBoard)
{
    public const int MaxQuestionsPerPost = 5;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(8);

    public CronExpression Expression => CronExpression.Parse(Cron, CronFormat.Standard);

    // The shortest gap between two posts over the next few weeks: a window longer than that would
    // leave two questions of one round open at once.
    public static TimeSpan ShortestInterval(CronExpression cron, TimeZoneInfo zone, DateTimeOffset from)
    {
        var shortest = TimeSpan.MaxValue;
        DateTimeOffset? previous = null;
        foreach (var next in cron.GetOccurrences(from, from.AddDays(60), zone).Take(200))
        {
            if (previous is { } p && next - p < shortest)
            {
                shortest = next - p;
            }
            previous = next;
        }
        return shortest;
    }
}
