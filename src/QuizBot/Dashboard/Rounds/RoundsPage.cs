using System.Globalization;
using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Dashboard.Rounds;

// A conversation's round: its schedule in words, the next post (in the round's zone and in UTC), the questions open now
// and the latest that are over. Managers read it; for admins it ends with the forms that change the round.
internal sealed class RoundsPage(RoundsReader reader, BankCatalog banks, TimeProvider time) : IDashboardPage
{
    public string Slug => "rounds";

    public int Order => 40;

    public string Title => "Rounds";

    public DashboardRole Audience => DashboardRole.Manager;

    public async Task<string> RenderAsync(DashboardRequest request, CancellationToken ct)
    {
        var overview = await reader.ReadAsync(request.ConversationKey, ct);
        var html = new StringBuilder();
        html.Append(Schedule(overview));
        html.Append(Posts("Open questions", "open", overview.Open, "No question is open for answers."));
        html.Append(Posts("Recent questions", "recent", overview.Recent, "No question of this round is over yet."));
        if (request.Role >= DashboardRole.Admin)
        {
            html.Append(RoundsForms.Render(request, overview.Round, banks.All));
        }
        return html.ToString();
    }

    private string Schedule(RoundsOverview overview)
    {
        var html = new StringBuilder("<section aria-labelledby=\"round-schedule\"><h2 id=\"round-schedule\">Schedule</h2>");
        if (overview.Round is not { Status: not RoundStatus.Cancelled } round)
        {
            var was = overview.Round is null ? "No round has been scheduled here." : "The round was cancelled.";
            return html.Append(CultureInfo.InvariantCulture, $"<p>{was} An admin can start one with <code>schedule daily 09:00 Europe/Berlin</code>.</p></section>").ToString();
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(round.TimeZone);
        var paused = round.Status == RoundStatus.Paused;
        html.Append("<dl>");
        Row(html, "Status", paused ? "<strong>Paused</strong>: no questions are posted until an admin resumes the round." : "Running");
        Row(html, "Schedule", Html.E(round.ScheduleText));
        Row(html, "Time zone", Html.E(round.TimeZone));
        Row(html, "Bank", overview.Bank is { } bank ? $"{Html.E(bank.Title)} (<code>{Html.E(bank.Id)}</code>)" : $"<code>{Html.E(round.BankId)}</code> (no longer there)");
        Row(html, "Answers open for", Html.E(ScheduleParser.Describe(round.Window)));
        Row(html, "Questions per post", round.QuestionsPerPost.ToString(CultureInfo.InvariantCulture));
        Row(html, "When the bank runs out", round.Repeat ? "Starts again from the first question" : "Stops");
        Row(html, "Weekly board", round.WeeklyBoard ? "Posted on Mondays" : "Not posted");
        Row(html, "Next post", paused ? "None while paused"
            : round.NextDueAt is { } next ? When(next, zone) + (next < time.GetUtcNow() ? " (due now)" : "")
            : "None: every question has been posted");
        return html.Append("</dl></section>").ToString();
    }

    private static string Posts(string title, string id, IReadOnlyList<PostLine> posts, string none)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"round-{id}\"><h2 id=\"round-{id}\">{title}</h2>");
        if (posts.Count == 0)
        {
            return html.Append(CultureInfo.InvariantCulture, $"<p>{none}</p></section>").ToString();
        }
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"round-{id}-posts\"><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Posted for</th>");
        html.Append(
            "<th scope=\"col\">Answers close</th><th scope=\"col\">State</th><th scope=\"col\">Answers</th></tr></thead><tbody>");
        foreach (var line in posts)
        {
            var post = line.Post;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone);
            var question = line.Question is { } q ? Html.E(q.Text) : "<em>no longer in the bank</em>";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-state=\"{State(post.State)}\"><td>{question}</td><td>{When(post.SlotAt, zone)}</td>" +
                $"<td>{When(post.ClosesAt, zone)}</td><td>{StateText(post.State)}</td><td>{line.Answers.ToString(CultureInfo.InvariantCulture)}</td></tr>");
        }
        return html.Append("</tbody></table></section>").ToString();
    }

    private static string State(PostState state) => state.ToString().ToLowerInvariant();

    // Failed and void posts are marked in words, not colour alone.
    private static string StateText(PostState state) => state switch
    {
        PostState.Claimed => "Being posted",
        PostState.Posted => "Open",
        PostState.Closed => "Closed",
        PostState.Failed => "<strong>Failed</strong>: the conversation did not get it",
        PostState.Void => "<strong>Void</strong>: withdrawn, counts for nobody",
        _ => Html.E(state.ToString()),
    };

    // In the round's zone, and in UTC for people elsewhere.
    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        $"<time datetime=\"{at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture)}\">{Html.E(RoundAdmin.FormatLocal(at, zone))}</time>" +
        $" ({at.ToUniversalTime().ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} UTC)";

    private static void Row(StringBuilder html, string term, string valueHtml) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{term}</dt><dd>{valueHtml}</dd>");
}
