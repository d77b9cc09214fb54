using System.Globalization;
using System.Text;
using QuizBot.Quizzes;

namespace QuizBot.Dashboard.Charts;

// Accuracy per question and how the answers split across the options, with the question, its right answer and the
// explanation. Sorted by `sort` (missed: most missed first, the default; answers; recent), PageSize a page (`page`).
internal sealed class QuestionsPage(QuestionStats questions) : IDashboardPage
{
    public const int PageSize = 20;

    private static readonly (string Key, string Name)[] Sorts = [("missed", "Most missed"), ("answers", "Most answered"), ("recent", "Most recent")];

    public string Slug => "questions";

    public int Order => 30;

    public string Title => "Questions";

    public DashboardRole Audience => DashboardRole.Manager;

    public async Task<string> RenderAsync(DashboardRequest request, CancellationToken ct)
    {
        var order = QuestionStats.Order(request.QueryValue("sort"));
        var sort = Sorts[(int)order].Key;
        var stats = await questions.ReadAsync(request.ConversationKey, order, ct);
        var sb = new StringBuilder(16384).Append("<section class=\"questions\">");
        if (stats.Count == 0)
        {
            return sb.Append("<p class=\"empty\">No question has closed with answers here yet, so there is nothing to chart.</p></section>").ToString();
        }
        var pages = (stats.Count + PageSize - 1) / PageSize;
        var page = int.TryParse(request.QueryValue("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, pages) : 1;
        var shown = stats.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var first = ((page - 1) * PageSize) + 1;

        sb.Append("<nav class=\"sort\" aria-label=\"Sort questions\"><ul>");
        foreach (var (key, name) in Sorts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Link(request.ConversationKey, key, 1)}\"{(key == sort ? " aria-current=\"page\"" : "")}>{name}</a></li>");
        }
        sb.Append("</ul></nav>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Questions {first} to {first + shown.Count - 1} of {stats.Count}, {Sorts[(int)order].Name.ToLowerInvariant()} first.</p>");

        sb.Append("<h2>Accuracy per question</h2>").Append(SvgCharts.Bars(
            new ChartText("accuracy", "Share of right answers per question",
                $"One bar per question, {first} to {first + shown.Count - 1}, as listed below: the share of its answers that were right.", "Question", "Right answers"),
            [.. shown.Select((s, i) => new Bar($"Q{first + i}", $"Q{first + i}. {s.Question.Text}", Math.Round(s.Accuracy * 100, 1), Percent(s.Right, s.Answers)))],
            max: 100));

        for (var i = 0; i < shown.Count; i++)
        {
            Write(sb, first + i, shown[i]);
        }
        if (pages > 1)
        {
            sb.Append("<nav class=\"pages\" aria-label=\"Pages\"><ul>");
            if (page > 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Link(request.ConversationKey, sort, page - 1)}\" rel=\"prev\">Previous {PageSize}</a></li>");
            }
            if (page < pages)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Link(request.ConversationKey, sort, page + 1)}\" rel=\"next\">Next {PageSize}</a></li>");
            }
            sb.Append("</ul></nav>");
        }
        return sb.Append("</section>").ToString();
    }

    private static void Write(StringBuilder sb, int n, QuestionStat s)
    {
        var q = s.Question;
        sb.Append(CultureInfo.InvariantCulture, $"<article class=\"question\" id=\"q{n}\"><h3>Q{n}. ").Append(Html.E(q.Text)).Append("</h3>")
            .Append("<dl><dt>Right answer</dt><dd>").Append(Html.E(q.Describe(q.Answer))).Append("</dd>")
            .Append("<dt>Explanation</dt><dd>").Append(q.Explanation.Length > 0 ? Html.E(q.Explanation) : "The bank gives none.").Append("</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Answers</dt><dd>{s.Answers} over {s.Posts} {(s.Posts == 1 ? "post" : "posts")}, {Percent(s.Right, s.Answers)} right, {s.Wrong} wrong</dd>")
            .Append("<dt>Bank</dt><dd>").Append(Html.E(s.BankTitle)).Append("</dd></dl>");
        sb.Append(SvgCharts.Bars(
            new ChartText($"q{n}-options", $"Q{n}: answers per option",
                $"One bar per option; the right one, {Question.Label(q.Answer)}, is hatched and marked with a tick. {s.Wrong} of {s.Answers} answers were wrong.", "Option", "Answers"),
            [.. s.PerOption.Select((count, i) => new Bar(Question.Label(i), q.Describe(i), count,
                count.ToString(CultureInfo.InvariantCulture), i == q.Answer ? BarKind.Right : BarKind.Wrong))]));
        sb.Append("</article>");
    }

    private static string Link(string conversationKey, string sort, int page) =>
        Html.E($"{DashboardPaths.Page(conversationKey, "questions")}?sort={sort}{(page > 1 ? $"&page={page}" : "")}");

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0%", CultureInfo.InvariantCulture);
}
