using System.Text;
using QuizBot.Channels.Slack;
using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using static QuizBot.Tests.Slack.SlackViewSamples;

namespace QuizBot.Tests.Slack;

// A round verdict's response_url body comes from the post's rendered layout (SlackRoundResults): each click must get
// exactly the message the view renders to, with its own count, whichever click rendered the layout first.
public sealed class SlackRoundResultsTests
{
    private static ChatView.RoundResult Verdict(int choice, string? notice, int answers) =>
        new(new RoundResultView(Post, Seed.Title, Seed.Questions[0], choice, notice), answers, ["slack:T1:U1"]);

    private static string Rendered(ChatView.RoundResult view) =>
        SlackBot.Respond(Views.Render(view), "ephemeral", replaceOriginal: false).ToJsonString();

    [Fact]
    public void Every_click_gets_the_verdict_the_view_renders_to_with_its_own_count()
    {
        var results = new SlackRoundResults(Views);
        var clicks = new[]
        {
            Verdict(0, null, 1), Verdict(0, null, 2), Verdict(0, null, 1_234), Verdict(1, null, 3),
            Verdict(0, "You already answered this one; your first answer stands.", 4), Verdict(0, null, 5),
        };

        foreach (var click in clicks)
        {
            Assert.Equal(Rendered(click), Encoding.UTF8.GetString(results.Ephemeral(click)));
        }
        Assert.Contains("1234 answers so far", Encoding.UTF8.GetString(results.Ephemeral(clicks[2])), StringComparison.Ordinal);
    }
}
