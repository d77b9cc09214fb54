using System.Globalization;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Charts;

internal sealed record DayCount(DateOnly Day, int Answers);

internal sealed record WeekCount(string Week, DateOnly Monday, int Members);

// Days: answers per day, oldest first; Weeks: active members per ISO week, oldest first; Truncated: more questions
// closed in the window than one read holds, so the oldest days may be short.
internal sealed record ParticipationData(TimeZoneInfo Zone, IReadOnlyList<DayCount> Days, IReadOnlyList<WeekCount> Weeks, bool Truncated)
{
    public bool Empty => Days.All(d => d.Answers == 0) && Weeks.All(w => w.Members == 0);
}

// Reads participation from aggregates only: the tallies stored on closed posts and the member count each week's board
// keeps. Neither grows with the number of answers, so a conversation of 10,000 people reads as fast as one of ten.
internal sealed class Participation(IRoundStore rounds, IBoardStore boards, TimeProvider time)
{
    public const int DefaultWeeks = 12, MinWeeks = 4, MaxWeeks = 52;

    // The most closed posts one read takes: a year of daily questions several times over. More questions than this in
    // the window (several posts a day for a year) and the oldest days are marked incomplete rather than read slowly.
    public const int PostLimit = 2000;

    public static int Weeks(string? query) =>
        int.TryParse(query, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, MinWeeks, MaxWeeks) : DefaultWeeks;

    public async Task<ParticipationData> ReadAsync(string conversationKey, int weeks, CancellationToken ct)
    {
        // Days and weeks are the round's: a question posted at 00:30 in Berlin belongs to that Berlin day.
        var zone = await rounds.GetRoundAsync(conversationKey, ct) is { } round && TimeZoneInfo.TryFindSystemTimeZoneById(round.TimeZone, out var z)
            ? z : TimeZoneInfo.Utc;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddDays(1 - (weeks * 7));

        var perDay = new Dictionary<DateOnly, int>();
        var posts = await rounds.GetClosedPostsAsync(conversationKey, PostLimit, ct);
        foreach (var post in posts)
        {
            // A post's answers come while it is open, within its window: they are counted on the day it was posted.
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(post.PostedAt ?? post.SlotAt, zone).DateTime);
            if (post.Tally is { } tally && day >= first && day <= today)
            {
                perDay[day] = perDay.GetValueOrDefault(day) + tally.Sum();
            }
        }
        var truncated = posts.Count == PostLimit
            && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(posts[^1].PostedAt ?? posts[^1].SlotAt, zone).DateTime) > first;
        var days = Enumerable.Range(0, weeks * 7).Select(i => first.AddDays(i)).Select(d => new DayCount(d, perDay.GetValueOrDefault(d))).ToList();

        // Step by local Mondays, not by 7 x 24 hours: a daylight-saving change must neither skip nor repeat a week.
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var thisMonday = DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local), DayOfWeek.Monday));
        var list = new List<WeekCount>(weeks);
        for (var i = weeks - 1; i >= 0; i--)
        {
            var monday = thisMonday.AddDays(-7 * i);
            var noon = monday.ToDateTime(new TimeOnly(12, 0));
            var period = Periods.Week(new DateTimeOffset(noon, zone.GetUtcOffset(noon)), zone);
            var page = await boards.GetBoardAsync(conversationKey, period, 0, "", ct);
            list.Add(new WeekCount(period[(period.IndexOf(':', StringComparison.Ordinal) + 1)..], monday, page.Members));
        }
        return new ParticipationData(zone, days, list, truncated);
    }
}
