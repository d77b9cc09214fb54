using QuizBot.Quizzes;

namespace QuizBot.Tests.Banks;

// Questions are records holding lists, which compare by reference; this compares what a person sees.
internal sealed class QuestionComparer : IEqualityComparer<Question>
{
    public static readonly QuestionComparer Instance = new();

    public bool Equals(Question? x, Question? y) => x is not null && y is not null
        && x.Id == y.Id && x.Text == y.Text && x.Choices.SequenceEqual(y.Choices) && x.Answer == y.Answer
        && x.Explanation == y.Explanation && x.Category == y.Category
        && (x.Feedback ?? []).SequenceEqual(y.Feedback ?? []);

    public int GetHashCode(Question obj) => obj.Id.GetHashCode(StringComparison.Ordinal);

    // What differs, for a failing property's message.
    public static string Describe(Question x, Question y) =>
        $"expected {System.Text.Json.JsonSerializer.Serialize(x)}\nactual   {System.Text.Json.JsonSerializer.Serialize(y)}";
}
