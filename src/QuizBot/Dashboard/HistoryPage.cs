using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard;

// A person's own answers in this conversation's rounds, newest first. Anyone sees their own; a manager or admin may
// name a team member (?user=<key>). The read is bounded: the latest closed posts only, one point read each.
internal sealed class HistoryPage(IRoundStore rounds, BankCatalog banks) : IDashboardPage
{
    public const int Posts = 100;

    public string Slug => "history";

    public int Order => 50;

    public string Title => "History";

    public DashboardRole Audience => DashboardRole.Member;

    public async Task<string> RenderAsync(DashboardRequest request, CancellationToken ct)
    {
        var asked = request.QueryValue("user");
        // A member asking for someone else's history sees their own: the parameter is a manager's.
        var user = request.Role >= DashboardRole.Manager && !string.IsNullOrEmpty(asked) ? asked : request.UserKey;
        var rows = await AnswersAsync(request.ConversationKey, user, ct);
        var html = new StringBuilder();
        if (request.Role >= DashboardRole.Manager)
        {
            html.Append("<form method=\"get\" action=\"").Append(Html.E(DashboardPaths.Page(request.ConversationKey, Slug))).Append("\">")
                .Append("<label for=\"user\">A team member's key</label> <input id=\"user\" name=\"user\" value=\"").Append(Html.E(user == request.UserKey ? "" : user))
                .Append("\" size=\"30\"> <button type=\"submit\">Show</button></form>");
        }
        var whose = user == request.UserKey ? "Your answers" : $"Answers of {(rows.Count > 0 ? rows[0].Answer.UserName : user)}";
        if (rows.Count == 0)
        {
            return html.Append("<p>").Append(Html.E(whose)).Append(": none in the latest ").Append(Html.N(Posts)).Append(" closed questions here.</p>").ToString();
        }
        html.Append("<table class=\"data\" id=\"history\"><caption>").Append(Html.E(whose)).Append(" (latest ").Append(Html.N(Posts))
            .Append(" closed questions)</caption><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Choice</th><th scope=\"col\">Result</th>")
            .Append("<th scope=\"col\">When</th></tr></thead><tbody>");
        foreach (var (post, question, answer) in rows)
        {
            var choice = question is not null && answer.Choice < question.Choices.Count ? question.Describe(answer.Choice) : Question.Label(answer.Choice);
            html.Append("<tr><td>").Append(Html.E(question?.Text ?? "(a question no longer in its bank)")).Append("</td><td>").Append(Html.E(choice))
                .Append("</td><td>").Append(post.State == PostState.Void ? "<span class=\"muted\">void</span>"
                    : IsRight(post, answer) ? "<span class=\"right\">right</span>" : "<span class=\"wrong\">wrong</span>")
                .Append("</td><td>").Append(Html.E(Html.When(answer.AnsweredAt))).Append("</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    // Scored with the post's key as it stands now (an admin may have given a new right answer since).
    public static bool IsRight(RoundPost post, PostAnswer answer) => post.Question.Answer >= 0 ? answer.Choice == post.Question.Answer : answer.Correct;

    private async Task<List<(RoundPost Post, Question? Question, PostAnswer Answer)>> AnswersAsync(string conversation, string user, CancellationToken ct)
    {
        var rows = new List<(RoundPost, Question?, PostAnswer)>();
        foreach (var post in await rounds.GetClosedPostsAsync(conversation, Posts, ct))
        {
            if (await rounds.GetPostAnswerAsync(post.Id, user, ct) is { } answer)
            {
                rows.Add((post, banks.Resolve(post), answer));
            }
        }
        return rows;
    }
}
