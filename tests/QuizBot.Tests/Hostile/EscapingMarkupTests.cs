using QuizBot.Channels.Slack;
using QuizBot.Channels.Teams;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Hostile;

// The engine's markup keeps anyone else's words apart from the bot's formatting: Markup.Plain text comes out of every
// channel as text, whatever characters it holds, and the bot's own strong, emphasis and code still come out formatted.
public sealed class EscapingMarkupTests
{
    [Theory]
    [InlineData("*Eve*")]
    [InlineData("**boss** `x` \\* \\")]
    [InlineData("ends with a backslash \\")]
    [InlineData("[Reset your password](https://evil.example) <!channel>")]
    public void Plain_text_inside_markup_is_one_text_span_of_exactly_what_was_typed(string typed)
    {
        var spans = Markup.Parse($"Hello {Markup.Strong(Markup.Plain(typed))}, {Markup.Plain(typed)}");

        Assert.Equal(
            [new Markup.Span(Markup.Style.Text, "Hello "), new Markup.Span(Markup.Style.Strong, typed), new Markup.Span(Markup.Style.Text, ", " + typed)],
            spans);
    }

    [Theory]
    [InlineData("**quiz** *name*: take a `quiz`", "**quiz** *name*: take a `quiz`", "*quiz* _name_: take a `quiz`")]
    [InlineData("a lone * and 5 * 3", "a lone ∗ and 5 ∗ 3", "a lone ∗ and 5 ∗ 3")]
    [InlineData("cron `0 9 * * 1-5` <b>", "cron `0 9 * * 1-5` <\u2060b>", "cron `0 9 * * 1-5` &lt;b&gt;")]
    public void The_bot_s_own_markup_keeps_working_in_each_channel(string markup, string teams, string slack)
    {
        Assert.Equal(teams, TeamsMarkdown.FromMarkup(markup));
        Assert.Equal(slack, SlackMrkdwn.FromMarkup(markup));
    }

    // `rounds` names the bank in italics: a bank title from an imported file must not turn it into bold or code.
    [Fact]
    public void A_round_s_description_keeps_a_hostile_bank_title_as_text_in_its_italics()
    {
        var bank = BankLoader.Load(Support.Repo.Path("banks", "model-compression.json")) with { Title = "*Eve* `x`" };
        var round = new Round("msteams:19:r@thread.v2", bank.Id, "0 8 * * *", "daily 08:00", "UTC", 1, TimeSpan.FromHours(1), true, false,
            RoundStatus.Paused, 0, null, null, "admin", DateTimeOffset.UnixEpoch, 1);

        var text = RoundAdmin.Describe(round, bank);

        Assert.Contains("bank *∗Eve∗ ˋxˋ*,", TeamsMarkdown.FromMarkup(text), StringComparison.Ordinal);
        Assert.Contains("bank _∗Eve∗ ˋxˋ_,", SlackMrkdwn.FromMarkup(text), StringComparison.Ordinal);
    }

    // Schedule errors quote what was typed: it comes back as one text span, never the bot's bold, italics or code.
    [Theory]
    [InlineData("weekly *mon*,`x` 09:00", "*mon*")]
    [InlineData("daily 09:00 Europe/*Nowhere*", "Europe/*Nowhere*")]
    [InlineData("daily *9* UTC", "*9*")]
    [InlineData("daily 09:00 UTC `frequently`", "`frequently`")]
    public void A_schedule_error_shows_the_typed_words_as_text(string schedule, string quoted)
    {
        var banks = new BankCatalog([BankLoader.Load(Support.Repo.Path("banks", "model-compression.json"))]);

        var error = Assert.Throws<ScheduleException>(() => ScheduleParser.Parse(schedule, banks, DateTimeOffset.UnixEpoch));

        Assert.Contains(Markup.Parse(error.Message), span => span.Style == Markup.Style.Text && span.Text.Contains(quoted, StringComparison.Ordinal));
    }
}
