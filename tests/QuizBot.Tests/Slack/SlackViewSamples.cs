using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;
using QuizBot.Quizzes.Rounds;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// Realistic views of the seed bank, built the way RenderedCardsTests builds the Teams samples, one of every ChatView kind.
internal static class SlackViewSamples
{
    public static readonly BankCatalog Banks = BankCatalog.LoadDirectory(Repo.Path("banks"));
    public static readonly QuizBot.Channels.Slack.SlackViews Views = QuizBot.Channels.Slack.SlackViews.Load(Repo.Path("cards", "slack"));
    public static readonly QuestionBank Seed = Banks.Get("model-compression")!;
    public static readonly DateTimeOffset Slot = new(2025, 11, 28, 8, 0, 0, TimeSpan.Zero);
    public static readonly RoundPost Post = new(RoundPost.IdFor("slack:T1:C1", Slot, 0), "slack:T1:C1",
        Seed.Id, PostedQuestion.Of(Seed.Questions[0]), Slot, Slot.AddHours(8), "Europe/Berlin", PostState.Posted, "1700000000.000100", Slot, "instance-1", null, false);

    private static IReadOnlyList<Question> Q => Seed.Questions;

    public static IEnumerable<(string Name, ChatView View)> All()
    {
        yield return ("text", new ChatView.Text($"Paused: {Markup.Strong(Seed.Title)} resumes with {Markup.Code("resume")}."));
        yield return ("refusal", new ChatView.Refusal("That quiz is over.", NotFound: true));
        yield return ("welcome", new ChatView.Welcome());
        yield return ("question", new ChatView.Question(new QuestionView("s1", Seed.Title, 2, Q.Count, Q[2])));
        yield return ("result", new ChatView.Result(new ResultView(Seed.Title, 2, Q.Count, Q[2], 1, "You already answered this one; your first answer stands.")));
        yield return ("review", new ChatView.Review(Review()));
        yield return ("recall question", new ChatView.RecallQuestion(new RecallView(Seed.Id, Seed.Title, Q[4], 2, 3, 5, 1, 2)));
        yield return ("recall result", new ChatView.RecallResult(new RecallResultView(Seed.Title, Q[4], 0, 1, Slot.AddDays(1), null)));
        yield return ("recall result, retired", new ChatView.RecallResult(new RecallResultView(Seed.Title, Q[4], Q[4].Answer, 6, Slot,
            "You already answered this question; your first answer stands.")));
        yield return ("bank choice", new ChatView.ChooseBank([Seed, Seed with { Id = "other", Title = "Another bank" }], Wording.UnknownBank("<!channel>")));
        yield return ("schedule form", new ChatView.ScheduleForm([Seed, Seed with { Id = "other", Title = "Another bank" }]));
        yield return ("board", new ChatView.Board(Board()));
        yield return ("empty board", new ChatView.Board(new BoardView("This week's leaderboard", "2025-W48", [], null, 0)));
        yield return ("stats", new ChatView.Stats(new StatsView("Ada", 12, 9, 3, 5, 4, 3)));
        yield return ("missed", new ChatView.Missed(Wording.MissedTitle, [new MissedQuestion(Q[3], 8, 6), new MissedQuestion(Q[5], 1, 1)]));
        yield return ("nothing missed", new ChatView.Missed(Wording.MissedTitle, []));
        yield return ("round question", RoundQuestion(5, ["Ada", "Grace"]));
        yield return ("round question, nobody yet", RoundQuestion(0, []));
        yield return ("round result", new ChatView.RoundResult(new RoundResultView(Post, Seed.Title, Q[0], 0, "You already answered this one."), 5, ["slack:T1:U1"]));
        yield return ("round closed", new ChatView.RoundClosed(Closed([1, 6, 0, 1], [new FastAnswer("Ada", TimeSpan.FromSeconds(12)), new FastAnswer("Grace", TimeSpan.FromMinutes(3))])));
        yield return ("round closed, nobody right", new ChatView.RoundClosed(Closed([2, 0, 1, 0], [])));
    }

    public static ChatView Get(string name) => All().Single(v => v.Name == name).View;

    public static ReviewView Review() =>
        new(Seed.Title, 8, Q.Count, [.. Q.Select((x, i) => new ReviewItem(i + 1, x, i < 8 ? x.Answer : (int?)null))]);

    public static ChatView.RoundQuestion RoundQuestion(int answers, string[] names) =>
        new(new RoundQuestionView(Post, Seed.Title, Q[0], answers, names), ["slack:T1:U1"]);

    public static ClosedPostView Closed(int[] tally, FastAnswer[] fastest) =>
        new(Post with { State = PostState.Closed, Tally = tally }, Seed.Title, Q[0], tally, fastest);

    public static BoardView Board() => new("This week's leaderboard", "2025-W48",
        [new BoardRow(1, "Ada", 30, 3, 3, 3, false), new BoardRow(1, "Grace", 30, 3, 3, 1, false), new BoardRow(3, "Linus", 20, 2, 3, 0, false)],
        new BoardRow(14, "Zoe", 2, 1, 2, 0, true), 14);
}
