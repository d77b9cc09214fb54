using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Channels.Slack;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;
using static QuizBot.Tests.Slack.SlackViewSamples;

namespace QuizBot.Tests.Slack;

// Every chat view as the Slack message QuizBot sends, checked against Slack's own SDK types and Block Kit's limits.
[Trait("Category", "External")]
public sealed class SlackViewsTests
{
    private static readonly SlackViews Views = SlackViews.Load(Repo.Path("cards", "slack"));

    public static TheoryData<string> Names() => [.. All().Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_view_is_a_valid_message_with_a_meaningful_text_fallback(string name)
    {
        var message = Views.Render(Get(name));

        await SlackBlockKit.AssertValidAsync("chat.postMessage", Body(message), name);
        Assert.False(string.IsNullOrWhiteSpace(message.Text), name);
        Assert.NotEqual("QuizBot", message.Text);
        Assert.DoesNotContain("${", message.Blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("**", message.Blocks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_round_result_goes_to_one_person_ephemerally_and_the_shared_messages_update_in_place()
    {
        var result = Views.Render(Get("round result"));
        var ephemeral = Body(result);
        ephemeral["user"] = "U1";
        var reply = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = result.Text, ["blocks"] = result.Blocks.DeepClone() };

        await SlackBlockKit.AssertValidAsync("chat.postEphemeral", ephemeral, "round result");
        await SlackBlockKit.AssertValidAsync("response_url", reply, "round result");
        foreach (var name in new[] { "round question", "round question, nobody yet", "round closed", "round closed, nobody right" })
        {
            var update = Body(Views.Render(Get(name)));
            update["ts"] = "1700000000.000100";
            await SlackBlockKit.AssertValidAsync("chat.update", update, name);
        }
    }

    [Fact]
    public void The_seed_review_shows_all_ten_questions_within_fifty_blocks_and_a_long_bank_is_cut_with_a_note()
    {
        var review = Views.Render(new ChatView.Review(Review()));
        var long60 = Enumerable.Range(1, 60).Select(i => new ReviewItem(i, Seed.Questions[i % 10], 0)).ToList();
        var longReview = Views.Render(new ChatView.Review(new ReviewView(Seed.Title, 3, 60, long60)));

        Assert.InRange(review.Blocks.Count, 11, SlackLimits.MaxBlocks);
        Assert.All(Seed.Questions, q => Assert.Contains(SlackMrkdwn.Escape(q.Text), Words(review), StringComparison.Ordinal));
        Assert.Contains("8/10", Words(review), StringComparison.Ordinal);
        Assert.InRange(longReview.Blocks.Count, 1, SlackLimits.MaxBlocks);
        Assert.Contains("more questions", Words(longReview), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("question")]
    [InlineData("round question")]
    [InlineData("welcome")]
    [InlineData("bank choice")]
    public void Every_button_carries_the_card_action_back_and_has_a_unique_short_id(string name)
    {
        var message = Views.Render(Get(name));
        var buttons = Buttons(message).ToList();

        var expected = Get(name) switch
        {
            ChatView.Question q => q.View.Question.Choices.Select((_, i) => (CardAction)new CardAction.Answer("s1", 2, i)),
            ChatView.RoundQuestion r => r.View.Question.Choices.Select((_, i) => (CardAction)new CardAction.RoundAnswer(Post.Id, i)),
            ChatView.Welcome => [new CardAction.Start(null)],
            ChatView.ChooseBank c => c.Banks.Select(b => (CardAction)new CardAction.Start(b.Id)),
            _ => throw new InvalidOperationException(name),
        };
        Assert.Equal(expected, buttons.Select(b => Parse(b["value"]!.GetValue<string>())));
        Assert.Equal(buttons.Count, buttons.Select(b => b["action_id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(buttons, b => Assert.InRange(b["action_id"]!.GetValue<string>().Length, 1, SlackLimits.Id));
        Assert.All(buttons, b => Assert.InRange(b["value"]!.GetValue<string>().Length, 1, 200));
    }

    [Fact]
    public void Answer_buttons_are_labelled_with_letters_and_the_choices_are_written_out_above_them()
    {
        var message = Views.Render(Get("question"));
        var q = Seed.Questions[2];

        Assert.Equal(["A", "B", "C", "D"], Buttons(message).Select(b => b["text"]!["text"]!.GetValue<string>()));
        Assert.Equal(["quizbot-answer-0", "quizbot-answer-1", "quizbot-answer-2", "quizbot-answer-3"], Buttons(message).Select(b => b["action_id"]!.GetValue<string>()));
        Assert.Contains($"*B.* {SlackMrkdwn.Escape(q.Choices[1])}", Words(message), StringComparison.Ordinal);
        Assert.Contains(SlackMrkdwn.Escape(q.Text), message.Text, StringComparison.Ordinal);
        Assert.Single(message.Blocks, b => b!["type"]!.GetValue<string>() == "actions");
    }

    [Fact]
    public void The_shared_round_question_shows_the_count_who_answered_and_the_close()
    {
        var words = Words(Views.Render(Get("round question")));

        Assert.Contains("5 answers so far", words, StringComparison.Ordinal);
        Assert.Contains("Answered: Ada, Grace and 3 more", words, StringComparison.Ordinal);
        Assert.Contains("Answers close at 17:00 (Europe/Berlin)", words, StringComparison.Ordinal);
        Assert.Contains("No answers yet", Words(Views.Render(Get("round question, nobody yet"))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_closed_round_shows_the_right_answer_the_spread_and_the_fastest_without_buttons()
    {
        var message = Views.Render(Get("round closed"));
        var words = Words(message);
        var q = Seed.Questions[0];

        Assert.Contains($"*Right answer:* {SlackMrkdwn.Escape(q.Describe(q.Answer))}", words, StringComparison.Ordinal);
        Assert.Contains("*6 (75%)*", words, StringComparison.Ordinal);
        Assert.Contains("0 (0%)", words, StringComparison.Ordinal);
        Assert.Contains("1. Ada, after 12 s", words, StringComparison.Ordinal);
        Assert.Contains("2. Grace, after 3 min", words, StringComparison.Ordinal);
        Assert.Empty(Buttons(message));
        Assert.Contains("Nobody got this one.", Words(Views.Render(Get("round closed, nobody right"))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_board_keeps_shared_ranks_and_shows_the_asking_person_in_bold_below_the_top()
    {
        var message = Views.Render(Get("board"));
        var lines = message.Blocks.Where(b => b!["type"]!.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();

        Assert.StartsWith("1. Ada", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1. Grace", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("3. Linus", lines[3], StringComparison.Ordinal);
        Assert.Equal("*14. Zoe (you) · 2 points · 1/2 correct (50%) · streak 0*", lines[^1]);
        Assert.Single(message.Blocks, b => b!["type"]!.GetValue<string>() == "divider");
        Assert.Contains("No answers yet this period", Words(Views.Render(Get("empty board"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_and_refusals_are_one_mrkdwn_section()
    {
        var message = Views.Render(Get("text"));

        var block = Assert.Single(message.Blocks)!;
        Assert.Equal("section", block["type"]!.GetValue<string>());
        Assert.Equal($"Paused: *{Seed.Title}* resumes with `resume`.", block["text"]!["text"]!.GetValue<string>());
        Assert.Equal("That quiz is over.", Views.Render(Get("refusal")).Text);
    }

    [Fact]
    public async Task Texts_over_the_limits_are_cut_so_slack_still_takes_the_message()
    {
        var huge = Seed.Questions[0] with { Text = string.Concat(Enumerable.Repeat("Why & how? ", 600)), Explanation = new string('x', 5000) };
        var message = Views.Render(new ChatView.Result(new ResultView(Seed.Title, 0, 10, huge with { Choices = [new string('c', 2500), "b"] }, 0, null)));

        await SlackBlockKit.AssertValidAsync("chat.postMessage", Body(message), "huge result");
        Assert.InRange(message.Text.Length, 1, SlackLimits.FallbackText);
        Assert.EndsWith("…", message.Blocks[2]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Body(SlackMessage m) => new() { ["channel"] = "C1", ["text"] = m.Text, ["blocks"] = m.Blocks.DeepClone() };

    private static CardAction? Parse(string value)
    {
        using var doc = JsonDocument.Parse(value);
        return CardAction.TryParse(doc.RootElement, out _);
    }

    internal static IEnumerable<JsonObject> Buttons(SlackMessage m) => Walk(m.Blocks).Where(o => o["type"]?.GetValue<string>() == "button");

    // Every text a person can read in the message, one per line.
    internal static string Words(SlackMessage m) =>
        string.Join("\n", Walk(m.Blocks).Where(o => o["type"]?.GetValue<string>() is "mrkdwn" or "plain_text").Select(o => o["text"]!.GetValue<string>()));

    private static IEnumerable<JsonObject> Walk(JsonNode? n) => n switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Walk(p.Value))],
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };
}
