using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Disputes;

// TEMPORARY seam until IRoundStore.RevisePostAsync (branch refold) is on main; at that merge the body becomes
// `store.RevisePostAsync(postId, newAnswer, periods, ct)` and this comment goes. Until then it can void a post that is
// still open (VoidPostAsync: it will count for nobody at its close) and nothing more: re-folding a closed post's boards
// or re-scoring with a new answer is what RevisePostAsync brings, so those answer Unsupported and change nothing.
internal sealed class PostRevisions(IRoundStore store)
{
    public sealed record Result(RoundPost? Post, bool Unsupported);

    public async Task<Result> ReviseAsync(string postId, int? newAnswer, IReadOnlyList<string> periods, CancellationToken ct)
    {
        _ = periods;
        var post = await store.GetPostAsync(postId, ct);
        return (post, newAnswer) switch
        {
            (null, _) => new(null, false),
            ({ State: PostState.Void }, null) => new(post, false),
            ({ State: PostState.Claimed or PostState.Posted }, null) => new(await store.VoidPostAsync(postId, ct), false),
            _ => new(post, true),
        };
    }
}
