using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// "review" in Slack end to end: signed requests from a workspace, Web API calls to the Slack stand-in, a fake clock.
[Trait("Category", "External")]
public sealed class SlackReviewTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    private static JsonObject ButtonFor(SlackCall message, string action, int choice) =>
        SlackApp.Buttons(message).Single(b => JsonNode.Parse(b["value"]!.GetValue<string>()) is { } v
            && v["action"]!.GetValue<string>() == action && v["c"]!.GetValue<int>() == choice);

    [Fact]
    public async Task A_question_missed_in_a_direct_message_quiz_comes_back_the_next_day_and_a_double_click_counts_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var app = new SlackApp(time);
        await app.DirectMessageAsync("U0BOB", "quiz");
        var question = await app.Slack.NextAsync("chat.postMessage");
        var wrong = (Seed.Questions[0].Answer + 1) % 4;
        await app.ClickAsync("U0BOB", SlackApp.Dm, question.ResponseId!, ButtonFor(question, "answer", wrong));
        await app.Slack.NextAsync("response_url");
        await app.Slack.NextAsync("chat.postMessage"); // question 2, left unanswered

        await app.DirectMessageAsync("U0BOB", "review");
        Assert.Contains("due on Tue 1 Dec", SlackApp.Text(await app.Slack.NextAsync("chat.postMessage")), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(1));
        await app.DirectMessageAsync("U0BOB", "review");
        Assert.Contains("1 question is due for review today", SlackApp.Text(await app.Slack.NextAsync("chat.postMessage")), StringComparison.Ordinal);
        var recall = await app.Slack.NextAsync("chat.postMessage");
        Assert.Contains("box 1 of 5", SlackApp.Text(recall), StringComparison.Ordinal);
        Assert.Contains("What is the main objective of applying pruning", SlackApp.Text(recall), StringComparison.Ordinal);

        var right = ButtonFor(recall, "recall", Seed.Questions[0].Answer);
        await app.ClickAsync("U0BOB", SlackApp.Dm, recall.ResponseId!, right);
        var result = await app.Slack.NextAsync("response_url");
        Assert.True(result.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Correct", SlackApp.Text(result), StringComparison.Ordinal);
        Assert.Contains("Up to box 2 of 5", SlackApp.Text(result), StringComparison.Ordinal);
        Assert.Contains("Review done: 1 of 1 right. The next question is due on Thu 3 Dec.", SlackApp.Text(await app.Slack.NextAsync("chat.postMessage")),
            StringComparison.Ordinal);

        await app.ClickAsync("U0BOB", SlackApp.Dm, recall.ResponseId!, ButtonFor(recall, "recall", wrong));
        var repeat = await app.Slack.NextAsync("response_url");
        Assert.Contains("first answer stands", SlackApp.Text(repeat), StringComparison.Ordinal);
        Assert.Contains("Correct", SlackApp.Text(repeat), StringComparison.Ordinal);
        await app.Slack.ExpectNothingMoreAsync("chat.postMessage", TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Review_typed_in_a_channel_tells_the_person_to_send_it_in_a_direct_message()
    {
        await using var app = new SlackApp();

        await app.CommandAsync("U0BOB", "review");

        var reply = await app.Slack.NextAsync("response_url");
        Assert.Equal("ephemeral", reply.Body["response_type"]!.GetValue<string>());
        Assert.Contains("1:1 chat", SlackApp.Text(reply), StringComparison.Ordinal);
        Assert.Empty(app.Slack.CallsTo("chat.postMessage"));
    }
}
