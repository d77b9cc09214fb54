using QuizBot.Dashboard;
using QuizBot.Dashboard.Charts;

namespace QuizBot.Tests.Dashboard.Charts;

public sealed class ParticipationPageTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(2);
    private readonly ChartsHost _host = new();

    public void Dispose() => _host.Dispose();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static (QuizBot.Quizzes.Participant, int)[] People(params int[] people) => [.. people.Select(n => (ChartsHost.Person(n), n % 2))];

    [Fact]
    public void The_page_is_registered_for_managers_under_its_slug_and_order()
    {
        var page = _host.Page<ParticipationPage>();

        Assert.Equal(("participation", 20, DashboardRole.Manager), (page.Slug, page.Order, page.Audience));
    }

    [Fact]
    public async Task Answers_per_day_has_one_point_per_day_of_the_span_valued_as_the_answers_given()
    {
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        await _host.AskAsync(Utc(11, 30, 9), Window, People(1, 2, 3));
        await _host.AskAsync(Utc(12, 1, 9), Window, People(1));
        // Wednesday nobody answers; Thursday two do.
        await _host.AskAsync(Utc(12, 2, 9), Window);
        await _host.AskAsync(Utc(12, 3, 9), Window, People(2, 4));

        var (_, root) = await _host.RenderAsync<ParticipationPage>();

        var days = ChartRead.Find(root, "Answers per day");
        Assert.Equal(12 * 7, days.Markers.Count);
        Assert.Equal(("2026-12-03", "2"), days.Rows[^1]);
        Assert.Equal([("2026-11-30", "3"), ("2026-12-01", "1"), ("2026-12-02", "0"), ("2026-12-03", "2")], days.Rows.TakeLast(4));
        Assert.All(days.Rows.SkipLast(4), r => Assert.Equal("0", r.Value));
        Assert.Equal("2026-09-11", days.Rows[0].Label);
        days.AssertTableEqualsChart();

        var (_, four) = await _host.RenderAsync<ParticipationPage>(("weeks", "4"));
        Assert.Equal(28, ChartRead.Find(four, "Answers per day").Markers.Count);
        Assert.Equal(4, ChartRead.Find(four, "Active members per week").Markers.Count);
    }

    [Fact]
    public async Task Active_members_per_week_counts_each_person_once_per_week_from_the_week_boards()
    {
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        await _host.AskAsync(Utc(11, 30, 9), Window, People(1, 2));
        await _host.AskAsync(Utc(12, 1, 9), Window, People(1, 2));
        // The next ISO week: one of the two again, two new.
        await _host.AskAsync(Utc(12, 7, 9), Window, People(1, 3, 4));

        var (_, root) = await _host.RenderAsync<ParticipationPage>();

        var weeks = ChartRead.Find(root, "Active members per week");
        Assert.Equal(12, weeks.Markers.Count);
        Assert.Equal([("2026-W49", "2"), ("2026-W50", "3")], weeks.Rows.TakeLast(2));
        Assert.Equal("2026-W39", weeks.Rows[0].Label);
        Assert.All(weeks.Rows.SkipLast(2), r => Assert.Equal("0", r.Value));
        weeks.AssertTableEqualsChart();
    }

    [Fact]
    public async Task Days_and_weeks_are_those_of_the_rounds_time_zone_not_UTC()
    {
        // 00:30 in Berlin is 23:30 UTC the day before, and Monday 00:30 in Berlin is still Sunday in UTC.
        // The page is read at 23:50 UTC on Sunday: Monday of the next week in Berlin already.
        await _host.ScheduleAsync("daily 00:30 Europe/Berlin window 20m");
        await _host.AskAsync(Utc(11, 30, 23, 30), TimeSpan.FromMinutes(20), People(1, 2, 3));
        await _host.AskAsync(Utc(12, 6, 23, 30), TimeSpan.FromMinutes(20), People(4));
        Assert.Equal(DayOfWeek.Sunday, _host.Time.GetUtcNow().DayOfWeek);

        var (html, root) = await _host.RenderAsync<ParticipationPage>(("weeks", "4"));

        var days = ChartRead.Find(root, "Answers per day");
        Assert.Equal(("2026-12-01", "3"), days.Rows.Single(r => r.Value == "3"));
        Assert.Equal(("2026-12-07", "1"), days.Rows[^1]);
        Assert.Equal("0", days.Rows.Single(r => r.Label == "2026-11-30").Value);
        var weeks = ChartRead.Find(root, "Active members per week");
        Assert.Equal([("2026-W49", "3"), ("2026-W50", "1")], weeks.Rows.TakeLast(2));
        Assert.Contains("Europe/Berlin", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100", 52)]
    [InlineData("1", 4)]
    [InlineData("26", 26)]
    [InlineData("twelve", 12)]
    public async Task The_span_is_read_from_the_query_and_kept_between_4_and_52_weeks(string weeks, int expected)
    {
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        await _host.AskAsync(Utc(11, 30, 9), Window, People(1));

        var (html, root) = await _host.RenderAsync<ParticipationPage>(("weeks", weeks));

        Assert.Equal(expected * 7, ChartRead.Find(root, "Answers per day").Markers.Count);
        Assert.Equal(expected, ChartRead.Find(root, "Active members per week").Markers.Count);
        // The span links are plain links; the one shown is marked current.
        var current = root.Descendants("a").Where(a => (string?)a.Attribute("aria-current") == "page").Select(a => a.Value).ToList();
        Assert.Equal(expected is 4 or 12 or 26 or 52 ? [$"{expected} weeks"] : [], current);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_conversation_without_answers_gets_a_sentence_and_no_chart()
    {
        var (html, root) = await _host.RenderAsync<ParticipationPage>();

        Assert.Empty(root.Descendants("svg"));
        Assert.Contains("Nobody has answered a question here", root.Descendants("p").Single().Value, StringComparison.Ordinal);

        // A round whose questions nobody answered is no different.
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        await _host.AskAsync(Utc(11, 30, 9), Window);
        Assert.Empty((await _host.RenderAsync<ParticipationPage>()).Root.Descendants("svg"));
        Assert.DoesNotContain("chart-pair", html, StringComparison.Ordinal);
    }
}
