namespace QuizBot.Quizzes;

// Names the file, the question and the field so an admin can fix a broken bank without guessing.
internal sealed class BankFormatException(string source, string? question, string? field, string problem)
    : Exception(Format(source, question, field, problem))
{
    public string BankSource { get; } = source;
    public string? Question { get; } = question;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;

    private static string Format(string source, string? question, string? field, string problem)
    {
        var where = source;
        if (question is not null)
        {
            where += $", question {question}";
        }
        if (field is not null)
        {
            where += $", field '{field}'";
        }
        return $"{where}: {problem}";
    }
}
