using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using QuizBot.Templating;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Channels.Teams;

namespace QuizBot.Bench.Micro;

// Binding the cards people see most: a question and its result, self-paced and in a round (through the same
// views and CardTemplates.Render the bot uses).
[MemoryDiagnoser]
public class CardBindingBenchmarks
{
    private QuizCards _quiz = null!;
    private RoundCards _round = null!;
    private QuestionView _question = null!;
    private ResultView _result = null!;
    private RoundQuestionView _roundQuestion = null!;
    private RoundResultView _roundResult = null!;
    private string[] _refresh = [];

    [GlobalSetup]
    public void Setup()
    {
        var templates = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards", "teams"));
        _quiz = new QuizCards(templates);
        _round = new RoundCards(templates);
        var bank = BankCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "banks")).All.First();
        var q = bank.Questions[0];
        _question = new QuestionView("0123456789abcdef0123456789abcdef", bank.Title, 0, bank.Questions.Count, q);
        _result = new ResultView(bank.Title, 0, bank.Questions.Count, q, q.Answer, null);
        var slot = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var post = new RoundPost(RoundPost.IdFor("msteams:19:bench@thread.tacv2", slot, 0), "msteams:19:bench@thread.tacv2", bank.Id, PostedQuestion.Of(q), slot,
            slot.AddHours(8), "Europe/Berlin", PostState.Posted, "act-1", slot, "bench", null, false);
        // A busy post: the refresh list is full (Teams takes at most 60 ids).
        _refresh = Enumerable.Range(0, 60).Select(i => $"29:user-{i}").ToArray();
        _roundQuestion = new RoundQuestionView(post, bank.Title, q, 1234, _refresh);
        _roundResult = new RoundResultView(post, bank.Title, q, (q.Answer + 1) % q.Choices.Count, null);
    }

    [Benchmark]
    public JsonObject QuestionCard() => _quiz.Question(_question, "msteams");

    [Benchmark]
    public JsonObject ResultCard() => _quiz.Result(_result);

    [Benchmark]
    public JsonObject RoundQuestionCard() => _round.Question(_roundQuestion, "msteams", _refresh);

    [Benchmark]
    public JsonObject RoundResultCard() => _round.Result(_roundResult, 1234, "msteams", ["29:user-1"]);
}
