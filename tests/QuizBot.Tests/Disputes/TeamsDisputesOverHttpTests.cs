using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Disputes;

// "Report a problem" on a round result in a Teams channel, and an admin deciding, over HTTP with the recording connector.
public sealed class TeamsDisputesOverHttpTests : IAsyncLifetime
{
    private const string Channel = "19:quiz-channel@thread.tacv2";
    private const string Conversation = "msteams:" + Channel;
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private static readonly Question Asked = Seed.Questions[0];
    // Sunday 29 Nov 2026 20:00 UTC; the round posts at 08:00 UTC the next day and closes two hours later.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 20, 0, 0, TimeSpan.Zero));
    private readonly BotApp _app;
    private Activities _alice = null!;
    private JsonNode _post = null!;

    public TeamsDisputesOverHttpTests() => _app = new BotApp(new() { ["QuizBot:Admins:0"] = "msteams:aad-29:alice" }, _time);

    public async Task InitializeAsync()
    {
        _alice = new Activities(_app.Connector.ServiceUrl, "msteams", Channel + ";messageid=1700000000000", "29:alice", "Alice", "channel");
        (await _app.PostAsync(_alice.Message("schedule daily 09:00 Europe/Berlin window 2h"))).EnsureSuccessStatusCode();
        await _app.Connector.NextAsync();
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await TickAsync();
        _post = (await _app.Connector.NextAsync()).Card();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Activities Person(string id, string name) => _alice.For(id, name);

    private Task TickAsync() => _app.Get<RoundScheduler>().TickAsync(CancellationToken.None);

    private static int Wrong => (Asked.Answer + 1) % 4;

    // Answers the posted question and returns the private result card.
    private async Task<JsonNode> AnswerAsync(Activities who, int choice)
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        var result = await _app.InvokeAsync(who.Invoke(CardReading.Button(_post, "round", choice), "round"));
        return result["value"]!;
    }

    // Sends the result card's report form as Teams does: the inputs beside the action's data.
    private async Task<JsonNode> ReportAsync(Activities who, JsonNode resultCard, string? reason, string? text)
    {
        var data = Assert.Single(CardReading.Buttons(resultCard, "report"));
        data = (JsonObject)data.DeepClone();
        if (reason is not null) data["reason"] = reason;
        if (text is not null) data["text"] = text;
        return await _app.InvokeAsync(who.Invoke(data, "report"));
    }

    private static string Said(JsonNode invoke) =>
        invoke["value"] is JsonValue v ? v.GetValue<string>() : invoke["value"]!["message"]?.GetValue<string>() ?? CardReading.Words(invoke["value"]!);

    private async Task<JsonNode> DisputesCardAsync(Activities who)
    {
        (await _app.PostAsync(who.Message("disputes"))).EnsureSuccessStatusCode();
        var reply = await _app.Connector.NextAsync();
        // Past what went to people's 1:1 chats and the round's own card updates meanwhile: the reply to the command.
        while (!reply.ConversationId.StartsWith(Channel, StringComparison.Ordinal) || reply.Method != "POST")
        {
            reply = await _app.Connector.NextAsync();
        }
        return reply.Attachments.Count > 0 ? reply.Card() : JsonValue.Create(reply.Text)!;
    }

    private static JsonObject Decision(JsonNode card, string verdict, int? choice = null) =>
        CardReading.Buttons(card, "dispute").Single(b => b["v"]!.GetValue<string>() == verdict && (choice is null || b["c"]?.GetValue<int>() == choice));

    private Task<IReadOnlyList<DisputeReport>> OpenReportsAsync() => _app.Get<IDisputeStore>().GetOpenDisputesAsync(Conversation, 50, default);

    [Fact]
    public async Task People_report_a_result_the_admin_sees_them_grouped_voids_the_question_and_each_reporter_is_told_privately()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        var bob = await AnswerAsync(Person("29:bob", "Bob"), Wrong);
        await AnswerAsync(Person("29:cy", "Cy"), Asked.Answer);
        Assert.Contains("Report a problem", CardReading.Words(ada), StringComparison.Ordinal);

        var thanks = await ReportAsync(Person("29:ada", "Ada"), ada, "wrong", "  C is right, see chapter 3  ");
        await ReportAsync(Person("29:bob", "Bob"), bob, "typo", "");
        Assert.Equal("application/vnd.microsoft.activity.message", thanks["type"]!.GetValue<string>());
        Assert.Contains("Thanks, your report", Said(thanks), StringComparison.Ordinal);

        var list = CardReading.Words(await DisputesCardAsync(_alice));
        Assert.Contains(Asked.Text, list, StringComparison.Ordinal);
        Assert.Contains("2 reports", list, StringComparison.Ordinal);
        Assert.Contains("The marked answer is wrong: 1, Typo: 1", list, StringComparison.Ordinal);
        Assert.Contains("C is right, see chapter 3", list, StringComparison.Ordinal);
        Assert.Contains("Ada", list, StringComparison.Ordinal);

        var card = await DisputesCardAsync(_alice);
        var voided = await _app.InvokeAsync(_alice.Invoke(Decision(card, "void"), "dispute"));
        Assert.Contains("voided", Said(voided), StringComparison.Ordinal);
        Assert.Contains("2 reporters have been told", Said(voided), StringComparison.Ordinal);

        // Each reporter is told in their own 1:1 chat with the bot, never in the channel.
        var calls = _app.Connector.Calls.Where(c => c.Method == "CREATE" || c.ConversationId.StartsWith("a:personal-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["29:ada", "29:bob"], calls.Where(c => c.Method == "CREATE").Select(c => c.Body["members"]![0]!["id"]!.GetValue<string>()));
        var told = calls.Where(c => c.Method == "POST").ToList();
        Assert.Equal(["a:personal-29:ada", "a:personal-29:bob"], told.Select(c => c.ConversationId));
        Assert.All(told, c => Assert.Contains("voided the question", c.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Connector.Calls, c => c.ConversationId == Channel && (c.Text ?? "").Contains("About your report", StringComparison.Ordinal));

        // A double click acts once: nobody is told twice.
        var count = _app.Connector.Calls.Count;
        var again = await _app.InvokeAsync(_alice.Invoke(Decision(card, "void"), "dispute"));
        Assert.Contains("already decided", Said(again), StringComparison.Ordinal);
        Assert.Equal(count, _app.Connector.Calls.Count);
        Assert.Empty(await OpenReportsAsync());
        Assert.Equal("There are no open reports in this conversation.", (await DisputesCardAsync(_alice)).GetValue<string>());

        // At the close the post counts for nobody: Cy's right answer earns nothing.
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 1, TimeSpan.Zero));
        await TickAsync();
        var board = await _app.Get<Leaderboards>().BoardAsync(Conversation, "all", new Participant("msteams:29:cy", "Cy"), default);
        Assert.Empty(board.Rows);
    }

    [Fact]
    public async Task Accepted_with_a_new_answer_after_the_close_the_boards_are_re_scored_and_the_bank_gets_the_new_key()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        await AnswerAsync(Person("29:cy", "Cy"), Asked.Answer);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 1, TimeSpan.Zero));
        await TickAsync();
        var boards = _app.Get<Leaderboards>();
        Assert.Equal(["Cy"], (await boards.BoardAsync(Conversation, "all", null, default)).Rows.Where(r => r.Correct > 0).Select(r => r.Name));

        // The result stays reportable after the close.
        await ReportAsync(Person("29:ada", "Ada"), ada, "wrong", "The key is wrong");
        var accept = Decision(await DisputesCardAsync(_alice), "answer", Wrong);
        var decided = await _app.InvokeAsync(_alice.Invoke(accept, "dispute"));

        Assert.Contains("given a new right answer, " + Asked.Describe(Wrong), Said(decided), StringComparison.Ordinal);
        foreach (var span in new[] { "week", "month", "all" })
        {
            var board = await boards.BoardAsync(Conversation, span, null, default);
            Assert.Equal([("Ada", 1), ("Cy", 0)], board.Rows.Select(r => (r.Name, r.Correct)));
        }
        var told = Assert.Single(_app.Connector.Calls, c => c.ConversationId == "a:personal-29:ada");
        Assert.Contains("the right answer is now " + Asked.Describe(Wrong), told.Text, StringComparison.Ordinal);
        var bank = await _app.Get<IBankStore>().GetBankAsync(Seed.Id, null, default);
        Assert.Equal(Wrong, bank!.Questions[bank.IndexOf(Asked.Id)].Answer);
    }

    [Fact]
    public async Task A_dismissed_report_keeps_the_question_and_its_scores_and_the_reporter_is_told()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        await AnswerAsync(Person("29:cy", "Cy"), Asked.Answer);
        await ReportAsync(Person("29:ada", "Ada"), ada, "unclear", "What does main mean here?");

        var dismissed = await _app.InvokeAsync(_alice.Invoke(Decision(await DisputesCardAsync(_alice), "dismiss"), "dispute"));

        Assert.Contains("dismissed", Said(dismissed), StringComparison.Ordinal);
        var told = Assert.Single(_app.Connector.Calls, c => c.ConversationId == "a:personal-29:ada");
        Assert.Contains("kept the question as it is", told.Text, StringComparison.Ordinal);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 1, TimeSpan.Zero));
        await TickAsync();
        var board = await _app.Get<Leaderboards>().BoardAsync(Conversation, "all", new Participant("msteams:29:cy", "Cy"), default);
        Assert.Equal(("Cy", 1), (board.Rows[0].Name, board.Rows[0].Correct));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_can_neither_list_nor_decide_reports()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        await ReportAsync(Person("29:ada", "Ada"), ada, "wrong", "B");
        var card = await DisputesCardAsync(_alice);

        var refused = await DisputesCardAsync(Person("29:ada", "Ada"));
        var forged = await _app.InvokeAsync(Person("29:ada", "Ada").Invoke(Decision(card, "dismiss"), "dispute"));

        Assert.Contains("only a QuizBot admin", refused.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, forged["statusCode"]!.GetValue<int>());
        Assert.Contains("only a QuizBot admin", Said(forged), StringComparison.Ordinal);
        // An admin's own decision on a question nobody reported here (tampered ids), or a choice the question lacks.
        var unknown = (JsonObject)Decision(card, "void").DeepClone();
        unknown["qid"] = "no-such-question";
        var noChoice = (JsonObject)Decision(card, "void").DeepClone();
        noChoice["v"] = "answer";
        noChoice["c"] = 9;
        Assert.Contains("no reports on that question", Said(await _app.InvokeAsync(_alice.Invoke(unknown, "dispute"))), StringComparison.Ordinal);
        Assert.Contains("not one of the question's choices", Said(await _app.InvokeAsync(_alice.Invoke(noChoice, "dispute"))), StringComparison.Ordinal);
        Assert.Single(await OpenReportsAsync());
    }

    [Fact]
    public async Task Tampered_report_data_is_refused_and_nothing_is_stored()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        var data = (JsonObject)Assert.Single(CardReading.Buttons(ada, "report")).DeepClone();
        data["reason"] = "wrong";
        data["text"] = "forged";

        // Someone who never answered sends Ada's form; a post id of another conversation; no post at all.
        var stranger = await _app.InvokeAsync(Person("29:eve", "Eve").Invoke(data, "report"));
        var elsewhere = (JsonObject)data.DeepClone();
        elsewhere["p"] = "msteams:19:other@thread.tacv2|1764489600|0";
        var other = await _app.InvokeAsync(Person("29:ada", "Ada").Invoke(elsewhere, "report"));
        var nothing = (JsonObject)data.DeepClone();
        nothing.Remove("p");
        var missing = await _app.InvokeAsync(Person("29:ada", "Ada").Invoke(nothing, "report"));

        Assert.Equal([400, 400, 400], new[] { stranger, other, missing }.Select(r => r["statusCode"]!.GetValue<int>()));
        Assert.Contains("not yours to report", Said(stranger), StringComparison.Ordinal);
        Assert.Contains("not yours to report", Said(other), StringComparison.Ordinal);
        Assert.Contains("missing the result", Said(missing), StringComparison.Ordinal);
        Assert.Empty(await OpenReportsAsync());
    }

    [Fact]
    public async Task Bad_report_input_gets_a_sentence_saying_what_to_fix_and_nothing_is_stored()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);

        var oversized = await ReportAsync(Person("29:ada", "Ada"), ada, "wrong", new string('x', 501));
        var noReason = await ReportAsync(Person("29:ada", "Ada"), ada, null, "B is right");
        var unknownReason = await ReportAsync(Person("29:ada", "Ada"), ada, "rude", "B is right");
        var otherWithoutText = await ReportAsync(Person("29:ada", "Ada"), ada, "other", "   ");

        Assert.Equal("Your text has 501 characters; at most 500 fit. Shorten it and send the report again.", Said(oversized));
        Assert.StartsWith("Pick what is wrong", Said(noReason), StringComparison.Ordinal);
        Assert.StartsWith("Pick what is wrong", Said(unknownReason), StringComparison.Ordinal);
        Assert.Contains("the text is needed when the reason is", Said(otherWithoutText), StringComparison.Ordinal);
        Assert.Empty(await OpenReportsAsync());

        // Exactly 500 characters fit.
        Assert.Contains("Thanks", Said(await ReportAsync(Person("29:ada", "Ada"), ada, "other", new string('y', 500))), StringComparison.Ordinal);
        Assert.Single(await OpenReportsAsync());
    }

    [Fact]
    public async Task A_second_report_on_the_same_question_by_the_same_person_is_answered_already_reported_and_the_first_stands()
    {
        var ada = await AnswerAsync(Person("29:ada", "Ada"), Wrong);
        await ReportAsync(Person("29:ada", "Ada"), ada, "wrong", "first");

        var second = await ReportAsync(Person("29:ada", "Ada"), ada, "typo", "second");

        Assert.Contains("You already reported", Said(second), StringComparison.Ordinal);
        var report = Assert.Single(await OpenReportsAsync());
        Assert.Equal((DisputeReason.WrongAnswer, "first"), (report.Reason, report.Text));
        Assert.Equal((Seed.Id, Asked.Id), (report.BankId, report.QuestionId));
        Assert.StartsWith(Conversation + "|", report.PostId, StringComparison.Ordinal);
    }
}
