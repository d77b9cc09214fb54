using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

// "review" in Teams over HTTP on a fake clock: what a person got wrong in a quiz comes back in their personal chat the
// next day, one card at a time, and moves on once per click.
public sealed class ReviewOverHttpTests : IAsyncLifetime
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    // Monday 30 Nov 2026, 09:00 UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApp _app;
    private Activities _ada = null!;

    public ReviewOverHttpTests() => _app = new BotApp(time: _time);

    public Task InitializeAsync()
    {
        _ada = new Activities(_app.Connector.ServiceUrl);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static int Wrong(int i) => (Seed.Questions[i].Answer + 1) % 4;

    private async Task<ConnectorCall> SayAsync(Activities who, string text)
    {
        (await _app.PostAsync(who.Message(text))).EnsureSuccessStatusCode();
        return await _app.Connector.NextAsync();
    }

    // Two questions of the seed quiz answered wrong, the third right.
    private async Task MissTwoInAQuizAsync()
    {
        var question = (await SayAsync(_ada, "quiz")).Card();
        foreach (var (i, choice) in new[] { (0, Wrong(0)), (1, Wrong(1)), (2, Seed.Questions[2].Answer) })
        {
            await _app.InvokeAsync(_ada.Invoke(CardReading.Button(question, "answer", choice)));
            question = (await _app.Connector.NextAsync()).Card();
        }
    }

    [Fact]
    public async Task Questions_missed_in_a_quiz_come_back_the_next_day_and_a_sitting_ends_with_a_summary()
    {
        await MissTwoInAQuizAsync();

        var sameDay = await SayAsync(_ada, "review");
        Assert.Equal("Nothing is due for review today. The next question is due on Tue 1 Dec.", sameDay.Text);

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 30, 0, TimeSpan.Zero));
        var start = await SayAsync(_ada, "review");
        Assert.Contains("2 questions are due for review today", start.Text, StringComparison.Ordinal);
        var first = start.Card();
        Assert.Contains(Seed.Questions[0].Text, CardReading.Words(first), StringComparison.Ordinal);
        Assert.Contains("box 1 of 5", CardReading.Words(first), StringComparison.Ordinal);
        Assert.Equal(4, CardReading.Buttons(first, "recall").Count);

        var right = await _app.InvokeAsync(_ada.Invoke(CardReading.Button(first, "recall", Seed.Questions[0].Answer)));
        var result = CardReading.Words(right["value"]!);
        Assert.Contains("Correct", result, StringComparison.Ordinal);
        Assert.Contains(Seed.Questions[0].Explanation, result, StringComparison.Ordinal);
        Assert.Contains("Up to box 2 of 5: it comes back on Thu 3 Dec.", result, StringComparison.Ordinal);
        var second = (await _app.Connector.NextAsync()).Card();
        Assert.Contains(Seed.Questions[1].Text, CardReading.Words(second), StringComparison.Ordinal);
        Assert.Contains("1 due today", CardReading.Words(second), StringComparison.Ordinal);

        var wrong = await _app.InvokeAsync(_ada.Invoke(CardReading.Button(second, "recall", Wrong(1))));
        var missed = CardReading.Words(wrong["value"]!);
        Assert.Contains("Not quite", missed, StringComparison.Ordinal);
        Assert.Contains(Seed.Questions[1].ExplanationFor(Wrong(1)), missed, StringComparison.Ordinal);
        Assert.Contains("Back to box 1: it comes back on Wed 2 Dec.", missed, StringComparison.Ordinal);
        Assert.Equal("Review done: 1 of 2 right. The next question is due on Wed 2 Dec.", (await _app.Connector.NextAsync()).Text);

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.Zero));
        var wednesday = await SayAsync(_ada, "review");
        Assert.Contains("1 question is due for review today", wednesday.Text, StringComparison.Ordinal);
        Assert.Contains(Seed.Questions[1].Text, CardReading.Words(wednesday.Card()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_click_and_a_redelivered_click_count_once()
    {
        await MissTwoInAQuizAsync();
        _time.Advance(TimeSpan.FromDays(1));
        var card = (await SayAsync(_ada, "review")).Card();
        var click = _ada.Invoke(CardReading.Button(card, "recall", Seed.Questions[0].Answer));

        var first = await _app.InvokeAsync(click);
        await _app.Connector.NextAsync(); // the next due question
        var redelivered = await _app.InvokeAsync(click);
        var changedMind = await _app.InvokeAsync(_ada.Invoke(CardReading.Button(card, "recall", Wrong(0))));

        Assert.Equal(first.ToJsonString(), redelivered.ToJsonString());
        var repeat = CardReading.Words(changedMind["value"]!);
        Assert.Contains("first answer stands", repeat, StringComparison.Ordinal);
        Assert.Contains("Correct", repeat, StringComparison.Ordinal);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
        // Only the one right answer counted: box 2, not due on Wednesday.
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("1 question is due", (await SayAsync(_ada, "review")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_in_a_team_channel_says_to_send_it_in_a_personal_chat_and_shows_nothing()
    {
        await MissTwoInAQuizAsync();
        _time.Advance(TimeSpan.FromDays(1));
        var channel = new Activities(_app.Connector.ServiceUrl, "msteams", "19:team@thread.tacv2;messageid=1", "29:ada", "Ada", "channel");

        var reply = await SayAsync(channel, "<at>QuizBot</at> review");

        Assert.Contains("1:1 chat", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Attachments);
    }

    [Fact]
    public async Task Someone_else_clicking_a_review_card_moves_nothing()
    {
        await MissTwoInAQuizAsync();
        _time.Advance(TimeSpan.FromDays(1));
        var card = (await SayAsync(_ada, "review")).Card();

        var bob = await _app.InvokeAsync(_ada.For("29:bob", "Bob").Invoke(CardReading.Button(card, "recall", Seed.Questions[0].Answer)));
        var forged = await _app.InvokeAsync(_ada.Invoke(new JsonObject { ["action"] = "recall", ["b"] = Seed.Id }));

        Assert.Equal(400, bob["statusCode"]!.GetValue<int>());
        Assert.Contains("not in your review", bob["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, forged["statusCode"]!.GetValue<int>());
        Assert.Contains("2 questions are due", (await SayAsync(_ada, "review")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_review()
    {
        Assert.Contains("**review**", (await SayAsync(_ada, "help")).Text, StringComparison.Ordinal);
    }
}
