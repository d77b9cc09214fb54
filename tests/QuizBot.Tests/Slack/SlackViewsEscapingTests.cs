using QuizBot.Channels.Slack;
using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using static QuizBot.Tests.Slack.SlackViewSamples;

namespace QuizBot.Tests.Slack;

// Slack's mrkdwn from the engine's markup, and text from banks and people shown as text: in mrkdwn <!channel> would
// ping everyone and <https://x|y> would be a disguised link.
public sealed class SlackViewsEscapingTests
{
    [Theory]
    [InlineData("**quiz**: take a quiz", "*quiz*: take a quiz")]
    [InlineData("**leaderboard** *week|month|all*", "*leaderboard* _week|month|all_")]
    [InlineData("**strong with *emphasis* inside**", "*strong with _emphasis_ inside*")]
    [InlineData("Type `schedule daily 09:00 UTC` first", "Type `schedule daily 09:00 UTC` first")]
    [InlineData("`**not bold** in code`", "`**not bold** in code`")]
    [InlineData("a lone * and ** stay", "a lone ∗ and ∗∗ stay")]
    [InlineData("Q&A <b> for <!channel>", "Q&amp;A &lt;b&gt; for &lt;!channel&gt;")]
    [InlineData("", "")]
    public void Markup_becomes_mrkdwn_with_the_control_characters_escaped(string neutral, string mrkdwn) =>
        Assert.Equal(mrkdwn, SlackMrkdwn.FromMarkup(neutral));

    [Theory]
    [InlineData("<!channel> & <@U123>", "&lt;!channel&gt; &amp; &lt;@\u2060U123&gt;")]
    [InlineData("<https://evil.example|your bank>", "&lt;https://evil.example|your bank&gt;")]
    [InlineData("*bold* _it_ ~del~ `code`", "∗bold∗ ˍitˍ ∼del∼ ˋcodeˋ")]
    [InlineData("@here and @channel", "@\u2060here and @\u2060channel")]
    public void Escape_keeps_every_character_slack_reads_as_markup_from_being_read_as_markup(string plain, string escaped) =>
        Assert.Equal(escaped, SlackMrkdwn.Escape(plain));

    [Theory]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("ab &amp; c", 6, "ab …")]
    [InlineData("ab &amp; c", 9, "ab &amp;…")]
    [InlineData("short", 5, "short")]
    public void Cutting_a_text_never_splits_an_entity(string text, int max, string cut) =>
        Assert.Equal(cut, SlackMrkdwn.Truncate(text, max));

    [Fact]
    public void A_mention_in_a_name_a_bank_or_a_question_is_shown_as_text_everywhere()
    {
        const string Evil = "<!channel> Eve";
        var question = Seed.Questions[0] with { Text = "<!here> what?", Choices = ["<@U1>", "b", "c", "d"], Explanation = "<!everyone>" };
        var bank = Seed with { Title = "<https://evil.example|Bank>", Description = "<!subteam^S1>" };
        var post = Post;
        ChatView[] views =
        [
            new ChatView.Board(new BoardView(Evil, "all time", [new BoardRow(1, Evil, 3, 1, 1, 1, false)], new BoardRow(2, Evil, 1, 0, 1, 0, true), 2)),
            new ChatView.Stats(new StatsView(Evil, 1, 1, 1, 1, 1, 1)),
            new ChatView.RoundQuestion(new RoundQuestionView(post, bank.Title, question, 1, [Evil]), []),
            new ChatView.RoundResult(new RoundResultView(post, bank.Title, question, 0, null), 1, []),
            new ChatView.RoundClosed(new ClosedPostView(post, bank.Title, question, [1, 0, 0, 0], [new FastAnswer(Evil, TimeSpan.FromSeconds(3))])),
            new ChatView.ChooseBank([bank], Wording.UnknownBank(Evil)),
            new ChatView.ScheduleForm([bank]),
            new ChatView.Question(new QuizBot.Quizzes.QuestionView("s1", bank.Title, 0, 1, question)),
            new ChatView.Text(Evil),
            new ChatView.Missed(Evil, [new MissedQuestion(question, 2, 1)]),
        ];

        foreach (var view in views)
        {
            var message = Views.Render(view);
            var all = message.Text + "\n" + SlackViewsTests.Words(message);
            Assert.DoesNotContain("<", all, StringComparison.Ordinal);
            Assert.DoesNotContain(">", all, StringComparison.Ordinal);
            Assert.Contains("&lt;", all, StringComparison.Ordinal);
        }
    }
}
