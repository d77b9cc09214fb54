using System.Text.Json.Nodes;
using QuizBot.Templating;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;
using QuizBot.Quizzes.Rounds;
using QuizBot.Channels.Teams;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cards;

// Every card QuizBot sends, built from realistic views of the seed bank, as the official parser and a person see it.
[Collection("node-cards")]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class RenderedCardsTests(NodeCards node)
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "teams"));
    private static readonly QuizCards Quiz = new(Templates);
    private static readonly RoundCards Rounds = new(Templates);
    private static readonly DateTimeOffset Slot = new(2025, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoundPost Post = new(RoundPost.IdFor("msteams:19:team@thread.tacv2", Slot, 0), "msteams:19:team@thread.tacv2",
        Seed.Id, PostedQuestion.Of(Seed.Questions[0]), Slot, Slot.AddHours(8), "Europe/Berlin", PostState.Posted, "1700000000000", Slot, "instance-1", null, false);
    private static readonly string[] ManyIds = [.. Enumerable.Range(1, 75).Select(i => $"29:user-{i}")];

    public static TheoryData<string> Cards() => [.. All("msteams").Concat(All("webchat")).Select(c => c.Name)];

    // Every method of QuizCards and RoundCards, for a channel.
    private static IEnumerable<(string Name, JsonObject Card)> All(string channel)
    {
        var q = Seed.Questions;
        yield return ($"{channel} question", Quiz.Question(new QuestionView("s1", Seed.Title, 2, q.Count, q[2]), channel));
        yield return ($"{channel} result", Quiz.Result(new ResultView(Seed.Title, 2, q.Count, q[2], 1, "You already answered this one; your first answer stands.")));
        yield return ($"{channel} review", Quiz.Review(new ReviewView(Seed.Title, 8, q.Count,
            [.. q.Select((x, i) => new ReviewItem(i + 1, x, i < 8 ? x.Answer : (int?)null))])));
        yield return ($"{channel} recall question", Quiz.RecallQuestion(new RecallView(Seed.Id, Seed.Title, q[4], 2, 3, 5, 1, 2), channel));
        yield return ($"{channel} recall result", Quiz.RecallResult(new RecallResultView(Seed.Title, q[4], 0, 1, Slot.AddDays(1), null)));
        yield return ($"{channel} recall result, retired", Quiz.RecallResult(new RecallResultView(Seed.Title, q[4], q[4].Answer, 6, Slot,
            "You already answered this question; your first answer stands.")));
        yield return ($"{channel} bank choice", Quiz.ChooseBank([Seed, Seed with { Id = "other", Title = "Another bank" }], channel, "Which quiz?"));
        yield return ($"{channel} welcome", Quiz.Welcome(channel));
        yield return ($"{channel} round question", Rounds.Question(new RoundQuestionView(Post, Seed.Title, q[0], 5, ["Ada", "Grace"]), channel, ManyIds));
        yield return ($"{channel} round question, six choices", Rounds.Question(new RoundQuestionView(Post, Seed.Title, SixChoices(), 0, []), channel, []));
        yield return ($"{channel} round result", Rounds.Result(new RoundResultView(Post, Seed.Title, q[0], 0, "You already answered this one."), 5, channel, ["29:ada"]));
        yield return ($"{channel} schedule form", Rounds.ScheduleForm([Seed], channel));
        yield return ($"{channel} closed", Rounds.Closed(Closed([1, 6, 0, 1], [new FastAnswer("Ada", TimeSpan.FromSeconds(12)), new FastAnswer("Grace", TimeSpan.FromMinutes(3))])));
        yield return ($"{channel} closed, nobody right", Rounds.Closed(Closed([2, 0, 1, 0], [])));
        yield return ($"{channel} board", Rounds.Board(Board()));
        yield return ($"{channel} empty board", Rounds.Board(new BoardView("This week's leaderboard", "2025-W48", [], null, 0)));
        yield return ($"{channel} stats", Rounds.Stats(new StatsView("Ada", 12, 9, 3, 5, 4, 3)));
        yield return ($"{channel} missed", Rounds.Missed("Questions the team gets wrong most", [new MissedQuestion(q[3], 8, 6), new MissedQuestion(q[5], 1, 1)]));
        yield return ($"{channel} nothing missed", Rounds.Missed("Questions the team gets wrong most", []));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Every_card_parses_in_the_official_renderer_without_errors_or_warnings(string name)
    {
        var card = All(name.Split(' ')[0]).Single(c => c.Name == name).Card;

        Assert.Empty(await node.ParseAsync(card));
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("msteams", "Action.Execute")]
    [InlineData("webchat", "Action.Submit")]
    public void Choice_buttons_use_universal_actions_only_in_teams(string channel, string type)
    {
        foreach (var (name, card) in All(channel))
        {
            foreach (var action in Actions(card))
            {
                Assert.True(action["type"]!.GetValue<string>() == type, $"{name}: {action.ToJsonString()}");
                Assert.Equal(type == "Action.Execute", action.ContainsKey("verb"));
            }
        }
    }

    [Fact]
    public void A_question_with_six_choices_keeps_every_action_set_to_five_buttons_and_offers_all_six()
    {
        var card = Rounds.Question(new RoundQuestionView(Post, Seed.Title, SixChoices(), 0, []), "msteams", []);

        var sets = Walk(card).Where(o => o["type"]?.GetValue<string>() == "ActionSet").ToList();
        Assert.All(sets, s => Assert.InRange(s["actions"]!.AsArray().Count, 1, 5));
        Assert.Equal([0, 1, 2, 3, 4, 5], CardReading.Buttons(card, "round").Select(b => b["c"]!.GetValue<int>()));
        Assert.All(CardReading.Buttons(card, "round"), b => Assert.Equal(Post.Id, b["p"]!.GetValue<string>()));
    }

    [Fact]
    public void The_shared_question_shows_the_count_the_answerers_and_the_close_in_the_rounds_time_zone()
    {
        var words = CardReading.Words(Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 5, ["Ada", "Grace"]), "msteams", []));

        Assert.Contains(Seed.Questions[0].Text, words, StringComparison.Ordinal);
        Assert.Contains("5 answers so far", words, StringComparison.Ordinal);
        Assert.Contains("Ada, Grace", words, StringComparison.Ordinal);
        Assert.Contains("Answers close at 17:00 (Europe/Berlin)", words, StringComparison.Ordinal);
        Assert.Contains("No answers yet", CardReading.Words(Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 0, []), "msteams", [])), StringComparison.Ordinal);
        Assert.Contains("1 answer so far", CardReading.Words(Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 1, ["Ada"]), "msteams", [])), StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_cards_carry_a_refresh_for_at_most_sixty_people_and_other_channels_none()
    {
        var teams = Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 75, []), "msteams", ManyIds);
        var result = Rounds.Result(new RoundResultView(Post, Seed.Title, Seed.Questions[0], 1, null), 75, "msteams", ["29:ada"]);

        var refresh = teams["refresh"]!;
        Assert.Equal("Action.Execute", refresh["action"]!["type"]!.GetValue<string>());
        Assert.Equal("round-view", refresh["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(Post.Id, refresh["action"]!["data"]!["p"]!.GetValue<string>());
        Assert.Equal(ManyIds.Take(60), refresh["userIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(["29:ada"], result["refresh"]!["userIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.False(Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 75, []), "webchat", ManyIds).ContainsKey("refresh"));
        Assert.False(Rounds.Result(new RoundResultView(Post, Seed.Title, Seed.Questions[0], 1, null), 1, "webchat", ["29:ada"]).ContainsKey("refresh"));
        Assert.False(Rounds.Question(new RoundQuestionView(Post, Seed.Title, Seed.Questions[0], 0, []), "msteams", []).ContainsKey("refresh"));
    }

    [Fact]
    public void The_result_tells_the_person_their_answer_the_right_one_and_why()
    {
        var q = Seed.Questions[0];
        var words = CardReading.Words(Rounds.Result(new RoundResultView(Post, Seed.Title, q, (q.Answer + 1) % 4, "You already answered this one."), 3, "msteams", []));

        Assert.Contains("Not quite", words, StringComparison.Ordinal);
        Assert.Contains(q.Describe((q.Answer + 1) % 4), words, StringComparison.Ordinal);
        Assert.Contains(q.Describe(q.Answer), words, StringComparison.Ordinal);
        Assert.Contains(q.Explanation, words, StringComparison.Ordinal);
        Assert.Contains("You already answered this one.", words, StringComparison.Ordinal);
        Assert.Contains("3 answers so far", words, StringComparison.Ordinal);
    }

    [Fact]
    public void The_closed_card_shows_the_spread_the_right_answer_and_the_fastest_without_buttons()
    {
        var card = Rounds.Closed(Closed([1, 6, 0, 1], [new FastAnswer("Ada", TimeSpan.FromSeconds(12)), new FastAnswer("Grace", TimeSpan.FromMinutes(3))]));
        var words = CardReading.Words(card);

        Assert.Contains("Closed", words, StringComparison.Ordinal);
        Assert.Contains("6 (75%)", words, StringComparison.Ordinal);
        Assert.Contains("0 (0%)", words, StringComparison.Ordinal);
        Assert.Contains($"✅ B. {Seed.Questions[0].Choices[1]}", words, StringComparison.Ordinal);
        Assert.Contains("1. Ada, after 12 s", words, StringComparison.Ordinal);
        Assert.Contains("2. Grace, after 3 min", words, StringComparison.Ordinal);
        Assert.Empty(Actions(card));
        Assert.Contains("Nobody got this one.", CardReading.Words(Rounds.Closed(Closed([2, 0, 1, 0], []))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_board_highlights_the_asking_person_and_shows_them_below_the_top_rows()
    {
        var card = Rounds.Board(Board());
        var rows = Walk(card).Where(o => o["type"]?.GetValue<string>() == "ColumnSet").ToList();

        var me = rows.Last();
        Assert.True(me["separator"]!.GetValue<bool>());
        Assert.Equal(["14", "Zoe", "2", "1", "50%", "0"], me["columns"]!.AsArray().Select(c => c!["items"]![0]!["text"]!.GetValue<string>()));
        Assert.All(me["columns"]!.AsArray(), c => Assert.Equal("Bolder", c!["items"]![0]!["weight"]!.GetValue<string>()));
        Assert.Equal(4, rows.Count); // header, two top rows, me
        Assert.Contains(BoardView.TieRule, CardReading.Words(card), StringComparison.Ordinal);
        Assert.Contains("No answers yet this period", CardReading.Words(Rounds.Board(new BoardView("Board", "2025-W48", [], null, 0))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schedule_form_offers_the_banks_and_the_inputs_the_admin_command_takes()
    {
        var card = Rounds.ScheduleForm([Seed, Seed with { Id = "other", Title = "Another bank" }], "msteams");
        var inputs = Walk(card).Where(o => o["type"]?.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal) == true)
            .ToDictionary(o => o["id"]!.GetValue<string>());

        Assert.Equal(["bank", "when", "tz", "window", "questions", "repeat", "weeklyBoard"], inputs.Keys);
        Assert.Equal([Seed.Id, "other"], inputs["bank"]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("weekdays 09:00", inputs["when"]["placeholder"]!.GetValue<string>());
        Assert.Equal("UTC", inputs["tz"]["value"]!.GetValue<string>());
        Assert.Equal(5, inputs["questions"]["max"]!.GetValue<int>());
        Assert.Equal("true", inputs["repeat"]["valueOn"]!.GetValue<string>());
        var button = Assert.Single(Actions(card));
        Assert.Equal("schedule-form", button["verb"]!.GetValue<string>());
        Assert.Equal("schedule-form", button["data"]!["action"]!.GetValue<string>());
    }

    private static ClosedPostView Closed(int[] tally, FastAnswer[] fastest) =>
        new(Post with { State = PostState.Closed, Tally = tally }, Seed.Title, Seed.Questions[0], tally, fastest);

    private static BoardView Board() => new("This week's leaderboard", "2025-W48",
        [new BoardRow(1, "Ada", 30, 3, 3, 3, false), new BoardRow(2, "Grace", 20, 2, 3, 0, false)],
        new BoardRow(14, "Zoe", 2, 1, 2, 0, true), 14);

    private static Question SixChoices() =>
        Seed.Questions[0] with { Choices = [.. Seed.Questions[0].Choices, "To merge layers", "To shuffle weights"] };

    private static List<JsonObject> Actions(JsonNode card) =>
        [.. Walk(card).Where(o => o["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" && o.Parent is JsonArray)];

    private static IEnumerable<JsonObject> Walk(JsonNode? n) => n switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Walk(p.Value))],
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };
}
