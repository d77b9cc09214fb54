using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// Leaderboards, read from aggregates that closing a post keeps (IRoundStore.ClosePostAsync): the cost of a read does
// not grow with the number of answers ever given.
internal interface IBoardStore
{
    // The top entries and one person's entry with their rank.
    Task<BoardPage> GetBoardAsync(string conversationKey, string period, int top, string userKey, CancellationToken ct);
}

internal sealed record BoardPage(IReadOnlyList<RankedEntry> Top, RankedEntry? Me, int Members);

internal sealed record RankedEntry(int Rank, BoardEntry Entry);
