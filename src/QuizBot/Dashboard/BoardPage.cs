using System.Text;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Dashboard;

// The conversation's leaderboard for a week, a month or all time: the chat board's rows (same store read, same ranks
// and ties), with every member rather than the top ten.
internal sealed class BoardPage(Leaderboards boards) : IDashboardPage
{
    // Every member of the largest conversations this service is sized for; the store reads the board in rank order.
    public const int Rows = 10_000;

    public string Slug => "board";

    public int Order => 10;

    public string Title => "Leaderboard";

    public DashboardRole Audience => DashboardRole.Manager;

    public static string Span(string? query) => query is "month" or "all" ? query : "week";

    public async Task<string> RenderAsync(DashboardRequest request, CancellationToken ct)
    {
        var span = Span(request.QueryValue("span"));
        var board = await boards.BoardAsync(request.ConversationKey, span, null, Rows, ct);
        var html = new StringBuilder();
        html.Append("<ul class=\"tabs\" aria-label=\"Period\">");
        foreach (var (value, label) in new[] { ("week", "This week"), ("month", "This month"), ("all", "All time") })
        {
            html.Append("<li>").Append(Html.Link($"{DashboardPaths.Page(request.ConversationKey, Slug)}?span={value}", label, value == span)).Append("</li>");
        }
        html.Append("</ul>");
        var export = $"{DashboardPaths.Root}/c/{Uri.EscapeDataString(request.ConversationKey)}/export";
        html.Append("<p>").Append(Html.Link($"{export}/board.csv?span={span}", "Download this board (CSV)")).Append(" · ")
            .Append(Html.Link($"{export}/answers.csv?span={span}", "Download the answers behind it (CSV)")).Append("</p>");
        if (board.Rows.Count == 0)
        {
            return html.Append("<p>No answers counted for ").Append(Html.E(board.PeriodLabel)).Append(" yet.</p>").ToString();
        }
        html.Append("<table class=\"data\" id=\"board\"><caption>").Append(Html.E(board.Title)).Append(" (").Append(Html.E(board.PeriodLabel))
            .Append("), ").Append(Html.N(board.Members)).Append(" members</caption><thead><tr>")
            .Append("<th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Points</th>")
            .Append("<th scope=\"col\" class=\"num\">Correct</th><th scope=\"col\" class=\"num\">Accuracy</th><th scope=\"col\" class=\"num\">Streak</th>")
            .Append("</tr></thead><tbody>");
        foreach (var row in board.Rows)
        {
            var cells = Cells(row);
            html.Append("<tr><td class=\"num\">").Append(Html.E(cells[0])).Append("</td><th scope=\"row\">").Append(Html.E(cells[1])).Append("</th>");
            foreach (var cell in cells.Skip(2))
            {
                html.Append("<td class=\"num\">").Append(Html.E(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table><p class=\"muted\">").Append(Html.E(BoardView.TieRule)).Append("</p>");
        return html.ToString();
    }

    // One row as shown, and as exported (the CSV is the table, cell for cell).
    public static string[] Cells(BoardRow row) =>
        [Html.N(row.Rank), row.Name, Html.N(row.Points), Html.N(row.Correct), Html.N(row.AccuracyPercent) + "%", Html.N(row.Streak)];

    public static readonly string[] Headers = ["Rank", "Name", "Points", "Correct", "Accuracy", "Streak"];
}
