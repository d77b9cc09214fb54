namespace QuizBot.Quizzes.Banks;

// A question as a file states it, before the checks every format shares: Id is null when the file gives none; Line is
// where the question starts (a spreadsheet's row), so every error can point at it.
internal sealed record QuestionDraft(int Line, string? Id, string Text, IReadOnlyList<string> Choices, int Answer,
    string Explanation, string? Category, IReadOnlyList<string>? Feedback);
