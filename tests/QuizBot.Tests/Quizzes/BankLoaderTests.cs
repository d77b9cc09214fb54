using System.Text;
using QuizBot.Quizzes;

namespace QuizBot.Tests.Quizzes;

public sealed class BankLoaderTests
{
    private const string Valid = """
        { "formatVersion": 1, "id": "tiny", "title": "Tiny", "questions": [
          { "id": "q1", "text": "One?", "choices": ["a", "b"], "answer": 1, "explanation": "Because." } ] }
        """;

    [Fact]
    public void A_valid_bank_loads()
    {
        var bank = BankLoader.Parse(Encoding.UTF8.GetBytes(Valid), "tiny.json");
        Assert.Equal("tiny", bank.Id);
        Assert.Equal("b", bank.Questions[0].AnswerText);
    }

    [Fact]
    public void Per_choice_feedback_and_a_category_load_and_the_feedback_of_the_picked_choice_comes_before_the_explanation()
    {
        var bank = BankLoader.Parse(Encoding.UTF8.GetBytes("""
            { "formatVersion": 1, "id": "tiny", "title": "Tiny", "questions": [
              { "id": "q1", "text": "One?", "choices": ["a", "b", "c"], "answer": 1, "category": "Basics",
                "feedback": ["a adds weights.", "", ""], "explanation": "b removes them." },
              { "id": "q2", "text": "Two?", "choices": ["a", "b"], "answer": 0 } ] }
            """), "tiny.json");
        var q = bank.Questions[0];
        Assert.Equal("Basics", q.Category);
        Assert.Equal("a adds weights.\n\nb removes them.", q.ExplanationFor(0));
        Assert.Equal("b removes them.", q.ExplanationFor(1));
        Assert.Equal("", bank.Questions[1].ExplanationFor(1));
        Assert.Null(bank.Questions[1].Feedback);
    }

    [Theory]
    [InlineData("{ not json", null, null, "not valid JSON")]
    [InlineData("""{ "formatVersion": 2, "id": "x", "title": "T", "questions": [] }""", null, "formatVersion", "not supported")]
    [InlineData("""{ "formatVersion": 1, "id": "X Y", "title": "T", "questions": [] }""", null, "id", "a-z")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [] }""", null, "questions", "non-empty")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "colour": 1, "questions": [] }""", null, "colour", "unknown field")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a"], "answer": 0, "explanation": "e" } ] }""", "#1 (q1)", "choices", "2 to 6")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a", "b"], "answer": 2, "explanation": "e" } ] }""", "#1 (q1)", "answer", "not the index")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a", "b"], "answer": 0, "feedback": ["only one"] } ] }""", "#1 (q1)", "feedback", "one text per choice (2)")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a", "A"], "answer": 0, "explanation": "e" } ] }""", "#1 (q1)", "choices[1]", "twice")]
    [InlineData("""{ "formatVersion": 1, "id": "x", "title": "T", "questions": [ { "id": "q1", "text": "?", "choices": ["a", "b"], "answer": 0, "explanation": "e" }, { "id": "q1", "text": "?", "choices": ["a", "b"], "answer": 0, "explanation": "e" } ] }""", "#2 (q1)", "id", "earlier question")]
    public void A_broken_bank_is_refused_with_an_error_naming_file_question_and_field(string json, string? question, string? field, string problem)
    {
        var e = Assert.Throws<BankFormatException>(() => BankLoader.Parse(Encoding.UTF8.GetBytes(json), "broken.json"));
        Assert.Equal("broken.json", e.BankSource);
        Assert.Equal(question, e.Question);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("broken.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_bank_is_refused()
    {
        var huge = new byte[BankLoader.MaxBytes + 1];
        var e = Assert.Throws<BankFormatException>(() => BankLoader.Parse(huge, "huge.json"));
        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
    }
}
