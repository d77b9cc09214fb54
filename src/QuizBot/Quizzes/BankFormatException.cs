namespace QuizBot.Quizzes;

// Names the file, the question and the field so an admin can fix a broken bank without guessing.
internal sealed class BankFormatException(string source, string? question, string? field, string problem)
    : Exception(Format(source, question, field, problem))
{
    public string BankSource { get; } = source;
    public string? Question { get; } = question;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;

    // The line of a text format (Aiken, GIFT, CSV) or the row of a spreadsheet the problem is on, counted from 1.
    public int? Line { get; private init; }

    public static BankFormatException AtLine(string source, int line, string problem) =>
        new($"{source}, line {line}", null, null, problem) { Line = line };

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
