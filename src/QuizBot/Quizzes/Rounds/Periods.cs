using System.Globalization;

namespace QuizBot.Quizzes.Rounds;

// Boards are kept per period. Weeks follow ISO-8601 in the round's time zone, so a Monday 00:30 answer in
// Berlin belongs to the new week even though it is still Sunday in UTC.
internal static class Periods
{
    public const string All = "all";

    public static string Week(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return $"week:{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}";
    }

    public static string Month(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"month:{local.Year}-{local.Month:00}";
    }

    public static IReadOnlyList<string> For(DateTimeOffset at, TimeZoneInfo zone) => [All, Week(at, zone), Month(at, zone)];

    // The first instant of the ISO week after the one containing `at`, in the zone: when a weekly board is due.
    public static DateTimeOffset NextWeekStart(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var monday = ISOWeek.ToDateTime(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local), DayOfWeek.Monday).AddDays(7);
        return new DateTimeOffset(monday, zone.GetUtcOffset(monday));
    }
}
