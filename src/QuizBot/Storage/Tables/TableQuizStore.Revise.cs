using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage.Tables;

internal sealed partial class TableQuizStore
{
    public Task<RoundPost?> RevisePostAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct) =>
        throw new NotSupportedException("not yet");
}
