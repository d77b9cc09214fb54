using System.Net;
using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

public sealed class SelfPacedQuizOverHttpTests : IAsyncLifetime
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private readonly BotApp _app = new();
    private Activities _teams = null!;

    public Task InitializeAsync()
    {
        _teams = new Activities(_app.Connector.ServiceUrl);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_person_takes_the_whole_seed_quiz_in_teams_and_gets_the_score_and_a_review()
    {
        (await _app.PostAsync(_teams.Message("quiz"))).EnsureSuccessStatusCode();
        var question = (await _app.Connector.NextAsync()).Card();
        for (var i = 0; i < 10; i++)
        {
            Assert.Contains($"Question {i + 1} of 10", CardReading.Words(question), StringComparison.Ordinal);
            Assert.Contains(Seed.Questions[i].Text, CardReading.Words(question), StringComparison.Ordinal);
            var answer = Seed.Questions[i].Answer;
            var choice = i < 8 ? answer : (answer + 1) % 4; // 8 right, 2 wrong

            var response = await _app.PostAsync(_teams.Invoke(CardReading.Button(question, "answer", choice)));

            var invoke = await ReadInvokeAsync(response);
            Assert.Equal(200, invoke["statusCode"]!.GetValue<int>());
            var result = CardReading.Words(invoke["value"]!);
            Assert.Contains(i < 8 ? "Correct" : "Not quite", result, StringComparison.Ordinal);
            Assert.Contains(Seed.Questions[i].Explanation, result, StringComparison.Ordinal);
            Assert.Contains(Seed.Questions[i].AnswerText, result, StringComparison.Ordinal);
            question = (await _app.Connector.NextAsync()).Card();
        }
        var review = CardReading.Words(question);
        Assert.Contains("8/10", review, StringComparison.Ordinal);
        foreach (var q in Seed.Questions)
        {
            Assert.Contains(q.Text, review, StringComparison.Ordinal);
            Assert.Contains(q.Explanation, review, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_redelivered_invoke_and_a_double_click_count_once()
    {
        await _app.PostAsync(_teams.Message("quiz"));
        var question = (await _app.Connector.NextAsync()).Card();
        var click = _teams.Invoke(CardReading.Button(question, "answer", Seed.Questions[0].Answer));

        var first = await ReadInvokeAsync(await _app.PostAsync(click));
        await _app.Connector.NextAsync(); // question 2
        var redelivered = await ReadInvokeAsync(await _app.PostAsync(click));
        var doubleClick = await ReadInvokeAsync(await _app.PostAsync(_teams.Invoke(CardReading.Button(question, "answer", 3))));

        // The redelivery (same activity id) gets the first answer again and runs nothing; the second click is told.
        Assert.Equal(first.ToJsonString(), redelivered.ToJsonString());
        Assert.Contains("first answer stands", CardReading.Words(doubleClick["value"]!), StringComparison.Ordinal);
        Assert.Contains("Correct", CardReading.Words(doubleClick["value"]!), StringComparison.Ordinal);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_person_who_stops_resumes_where_they_stopped_after_the_service_restarts()
    {
        using var data = new TempDir();
        var settings = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = data.File("quizbot.db") };
        await using (var first = new BotApp(settings))
        {
            var teams = new Activities(first.Connector.ServiceUrl);
            await first.PostAsync(teams.Message("quiz"));
            var question = (await first.Connector.NextAsync()).Card();
            await first.InvokeAsync(teams.Invoke(CardReading.Button(question, "answer", Seed.Questions[0].Answer)));
            await first.Connector.NextAsync(); // question 2, left unanswered
        }

        await using var second = new BotApp(settings);
        var again = new Activities(second.Connector.ServiceUrl);
        await second.PostAsync(again.Message("quiz"));
        var resumed = await second.Connector.NextAsync();

        Assert.Contains("Welcome back", resumed.Text, StringComparison.Ordinal);
        Assert.Contains("Question 2 of 10", CardReading.Words(resumed.Card()), StringComparison.Ordinal);
        Assert.Contains(Seed.Questions[1].Text, CardReading.Words(resumed.Card()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_chat_gets_submit_buttons_and_the_result_with_the_next_question_as_replies()
    {
        var webChat = new Activities(_app.Connector.ServiceUrl.TrimEnd('/'), channelId: "webchat", conversationId: "webchat-conv|1");
        await _app.PostAsync(webChat.Message("quiz"));
        var question = await _app.Connector.NextAsync();
        Assert.Equal("webchat-conv|1", question.ConversationId);
        Assert.DoesNotContain("Action.Execute", question.Card().ToJsonString(), StringComparison.Ordinal);

        (await _app.PostAsync(webChat.Submit(CardReading.Button(question.Card(), "answer", Seed.Questions[0].Answer)))).EnsureSuccessStatusCode();

        var reply = await _app.Connector.NextAsync();
        Assert.Contains("Correct", CardReading.Words(reply.Card(0)), StringComparison.Ordinal);
        Assert.Contains("Question 2 of 10", CardReading.Words(reply.Card(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_other_text_gets_a_short_hint()
    {
        await _app.PostAsync(_teams.Message("help"));
        Assert.Contains("quiz", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal);

        await _app.PostAsync(_teams.Message("<at>QuizBot</at> what is this?"));
        var hint = (await _app.Connector.NextAsync()).Text!;
        Assert.Contains("**help**", hint, StringComparison.Ordinal);
        Assert.True(hint.Length < 200);
    }

    [Fact]
    public async Task Card_data_for_another_persons_session_or_out_of_range_changes_nothing()
    {
        await _app.PostAsync(_teams.Message("quiz"));
        var card = (await _app.Connector.NextAsync()).Card();
        var data = CardReading.Button(card, "answer", 0);
        var bob = _teams.For("29:bob", "Bob");

        var forged = new[]
        {
            bob.Invoke(data),
            _teams.Invoke(With(data, "c", 7)),
            _teams.Invoke(With(data, "q", 5)),
            _teams.Invoke(With(data, "s", "someone-elses")),
            _teams.Invoke(new JsonObject { ["action"] = "launch-missiles" }),
            _teams.Invoke(new JsonObject { ["action"] = "answer", ["s"] = 12 }),
        };
        foreach (var activity in forged)
        {
            var invoke = await ReadInvokeAsync(await _app.PostAsync(activity));
            Assert.Equal(400, invoke["statusCode"]!.GetValue<int>());
            Assert.Equal("application/vnd.microsoft.error", invoke["type"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(invoke["value"]!["message"]!.GetValue<string>()));
        }

        // The real answer still counts: nothing forged was stored.
        var real = await ReadInvokeAsync(await _app.PostAsync(_teams.Invoke(CardReading.Button(card, "answer", Seed.Questions[0].Answer))));
        Assert.Contains("Correct", CardReading.Words(real["value"]!), StringComparison.Ordinal);
        Assert.DoesNotContain("first answer stands", CardReading.Words(real["value"]!), StringComparison.Ordinal);
    }

    private static JsonObject With(JsonObject data, string key, JsonNode value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private static async Task<JsonNode> ReadInvokeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
