using System.Globalization;
using System.Text;

namespace QuizBot.Dashboard.Charts;

// Participation over time: answers per day and active members per week, `weeks` back (query, 4 to 52, default 12).
internal sealed class ParticipationPage(Participation participation) : IDashboardPage
{
    private static readonly int[] Choices = [4, 12, 26, 52];

    public string Slug => "participation";

    public int Order => 20;

    public string Title => "Participation";

    public DashboardRole Audience => DashboardRole.Manager;

    public async Task<string> RenderAsync(DashboardRequest request, CancellationToken ct)
    {
        var weeks = Participation.Weeks(request.QueryValue("weeks"));
        var data = await participation.ReadAsync(request.ConversationKey, weeks, ct);
        var sb = new StringBuilder(8192).Append("<section class=\"participation\">");
        if (data.Empty)
        {
            return sb.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\">Nobody has answered a question here in the last {weeks} weeks, so there is nothing to chart yet.</p>")
                .Append(Links(request.ConversationKey, weeks)).Append("</section>").ToString();
        }
        sb.Append(Links(request.ConversationKey, weeks))
            .Append("<p class=\"note\">Days and weeks are in the round's time zone, ").Append(Html.E(data.Zone.Id))
            .Append(". Answers are counted on the day their question was posted.</p>");

        var answers = data.Days.Sum(d => d.Answers);
        sb.Append("<h2>Answers per day</h2>").Append(SvgCharts.Line(
            new ChartText("answers-per-day", $"Answers per day, last {weeks * 7} days",
                $"{answers} answers from {Day(data.Days[0].Day)} to {Day(data.Days[^1].Day)}; most on one day: {data.Days.Max(d => d.Answers)}.", "Day", "Answers"),
            [.. data.Days.Select(d => new LinePoint(Day(d.Day), d.Answers, Count(d.Answers)))], Palette.Blue));
        if (data.Truncated)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Only the latest {Participation.PostLimit} questions are counted: the oldest days may show fewer answers than were given.</p>");
        }

        sb.Append("<h2>Active members per week</h2>").Append(SvgCharts.Line(
            new ChartText("members-per-week", $"Active members per week, last {weeks} weeks",
                $"People who answered at least once each week, from {data.Weeks[0].Week} to {data.Weeks[^1].Week}; most in one week: {data.Weeks.Max(w => w.Members)}.", "Week", "Members"),
            [.. data.Weeks.Select(w => new LinePoint(w.Week, w.Members, Count(w.Members)))], Palette.Orange));
        return sb.Append("</section>").ToString();
    }

    // Plain links, reachable by keyboard; the current span is marked for screen readers.
    private static string Links(string conversationKey, int weeks)
    {
        var sb = new StringBuilder("<nav class=\"spans\" aria-label=\"Time span\"><ul>");
        foreach (var n in Choices)
        {
            var href = Html.E($"{DashboardPaths.Page(conversationKey, "participation")}?weeks={n}");
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{href}\"{(n == weeks ? " aria-current=\"page\"" : "")}>{n} weeks</a></li>");
        }
        return sb.Append("</ul></nav>").ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
