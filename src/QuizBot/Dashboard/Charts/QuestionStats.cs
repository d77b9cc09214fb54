using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Charts;

// One question over every post that asked it: answers per option (summed tallies), how many were right, and when it
// was last asked. Question is the wording and key of its most recent post.
internal sealed record QuestionStat(string BankTitle, Question Question, IReadOnlyList<int> PerOption, int Answers, int Right, int Posts, DateTimeOffset LastAsked)
{
    public int Wrong => Answers - Right;

    public double Accuracy => Answers == 0 ? 0 : (double)Right / Answers;
}

internal enum QuestionOrder
{
    Missed,
    Answers,
    Recent,
}

// The data behind the questions page, the same Leaderboards.MissedAsync reads: closed posts' tallies, each resolved
// against the bank version it was posted with. A question withdrawn from the bank since drops out, as it does there.
internal sealed class QuestionStats(IRoundStore rounds, BankCatalog banks)
{
    // A year of daily questions and more; the read is bounded by it, not by the number of answers.
    public const int PostLimit = 1000;

    public static QuestionOrder Order(string? query) => query switch
    {
        "answers" => QuestionOrder.Answers,
        "recent" => QuestionOrder.Recent,
        _ => QuestionOrder.Missed,
    };

    public async Task<IReadOnlyList<QuestionStat>> ReadAsync(string conversationKey, QuestionOrder order, CancellationToken ct)
    {
        var posts = await rounds.GetClosedPostsAsync(conversationKey, PostLimit, ct);
        var stats = posts.Where(p => p.Tally is not null)
            .Select(p => (Post: p, Question: banks.Resolve(p)))
            .Where(x => x.Question is not null && x.Question.Answer < x.Post.Tally!.Count)
            .GroupBy(x => (x.Post.BankId, x.Question!.Id))
            .Select(g =>
            {
                // The latest post has the wording and key people saw last.
                var latest = g.MaxBy(x => x.Post.ClosesAt);
                var perOption = new int[latest.Question!.Choices.Count];
                var right = 0;
                foreach (var (post, question) in g)
                {
                    for (var i = 0; i < post.Tally!.Count && i < perOption.Length; i++)
                    {
                        perOption[i] += post.Tally[i];
                    }
                    right += post.Tally[question!.Answer];
                }
                var title = banks.Get(latest.Post.BankId, latest.Post.BankVersion)?.Title ?? latest.Post.BankId;
                return new QuestionStat(title, latest.Question, perOption, perOption.Sum(), right, g.Count(), latest.Post.PostedAt ?? latest.Post.SlotAt);
            })
            .Where(s => s.Answers > 0);
        return order switch
        {
            QuestionOrder.Answers => [.. stats.OrderByDescending(s => s.Answers).ThenBy(s => s.Accuracy).ThenBy(s => s.Question.Id, StringComparer.Ordinal)],
            QuestionOrder.Recent => [.. stats.OrderByDescending(s => s.LastAsked).ThenBy(s => s.Question.Id, StringComparer.Ordinal)],
            _ => [.. stats.OrderByDescending(s => (double)s.Wrong / s.Answers).ThenByDescending(s => s.Answers).ThenBy(s => s.Question.Id, StringComparer.Ordinal)],
        };
    }
}
