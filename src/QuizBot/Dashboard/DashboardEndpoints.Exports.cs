using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard;

// CSV downloads for managers: the board exactly as the board page shows it, and the answers behind it.
internal static partial class DashboardEndpoints
{
    // The latest closed posts an answers export reads (one read of answers per post in the period).
    public const int ExportPosts = 500;

    private static void MapExports(RouteGroupBuilder group) =>
        group.MapGet("/c/{conversation}/export/{file}", async (HttpContext http, string conversation, string file, string? span,
            DashboardSessions sessions, DashboardAccess access, Leaderboards boards, IRoundStore rounds, BankCatalog banks, CancellationToken ct) =>
        {
            if (sessions.Current(http) is not { } viewer)
            {
                return NoSession();
            }
            var key = Key(conversation);
            if (file is not ("board.csv" or "answers.csv") || await access.RoleAsync(viewer, key, ct) is not >= DashboardRole.Manager)
            {
                return NotFound();
            }
            var s = BoardPage.Span(span);
            var csv = file == "board.csv"
                ? Csv.Write([BoardPage.Headers, .. (await boards.BoardAsync(key, s, null, BoardPage.Rows, ct)).Rows.Select(BoardPage.Cells)])
                : Csv.Write([["Post", "Question", "Person", "Choice", "Right", "When"], .. await AnswerRecordsAsync(key, s, boards, rounds, banks, ct)]);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file[..^4]}-{s}.csv\"";
            return TypedResults.Text(csv, "text/csv; charset=utf-8");
        });

    // The answers the board of that span counts: the closed (not void) posts whose slot falls in the period.
    private static async Task<List<string[]>> AnswerRecordsAsync(string conversation, string span, Leaderboards boards, IRoundStore rounds,
        BankCatalog banks, CancellationToken ct)
    {
        var (period, _) = await boards.PeriodAsync(conversation, span, ct);
        var records = new List<string[]>();
        foreach (var post in await rounds.GetClosedPostsAsync(conversation, ExportPosts, ct))
        {
            if (post.State != PostState.Closed || !Periods.For(post.SlotAt, TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone)).Contains(period))
            {
                continue;
            }
            var question = banks.Resolve(post);
            foreach (var answer in await rounds.GetPostAnswersAsync(post.Id, ct))
            {
                var choice = question is not null && answer.Choice < question.Choices.Count ? question.Describe(answer.Choice) : Question.Label(answer.Choice);
                records.Add([post.Id, question?.Text ?? "", answer.UserName, choice, HistoryPage.IsRight(post, answer) ? "yes" : "no",
                    answer.AnsweredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
        return records;
    }
}
