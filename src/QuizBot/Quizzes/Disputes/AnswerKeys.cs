using QuizBot.Quizzes.Banks;

namespace QuizBot.Quizzes.Disputes;

// Where an accepted new right answer goes so that future posts and quizzes use it: the bank library's next version.
// A seam of its own because BankLibrary is being built on main: while its SetAnswerAsync is not there it throws, and
// nothing here catches that.
internal interface IAnswerKeys
{
    Task<int?> SetAnswerAsync(string bankId, string questionId, int answer, CancellationToken ct);
}

internal sealed class LibraryAnswerKeys(BankLibrary library) : IAnswerKeys
{
    public Task<int?> SetAnswerAsync(string bankId, string questionId, int answer, CancellationToken ct) =>
        library.SetAnswerAsync(bankId, questionId, answer, ct);
}
