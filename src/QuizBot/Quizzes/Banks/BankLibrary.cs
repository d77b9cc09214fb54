namespace QuizBot.Quizzes.Banks;

// Version: the bank's version in the store after the import; Unchanged: the file held the questions of the current
// version, so no new version was made.
internal sealed record BankImportResult(QuestionBank Bank, int Version, bool Unchanged, IReadOnlyList<SkippedItem> Skipped);

// The banks in the store: imports make new versions, which the catalog serves.
internal sealed class BankLibrary
{
    // Reads the file (format from the name when null) and stores it as the bank's next version. A broken file throws
    // BankFormatException and stores nothing.
    public Task<BankImportResult> ImportAsync(byte[] content, string fileName, BankFormat? format, string? id, CancellationToken ct) =>
        throw new NotImplementedException();

    // Stores a new version of the bank whose question has that right answer (a dispute accepted with a new answer);
    // returns the new version, or null when the bank or question no longer exists.
    public Task<int?> SetAnswerAsync(string bankId, string questionId, int answer, CancellationToken ct) =>
        throw new NotImplementedException();
}
