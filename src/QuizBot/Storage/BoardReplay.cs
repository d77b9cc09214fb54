using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

// Rebuilds one person's board entries from their counted answers, in the order the posts closed, with the same Scoring
// calls a close makes. Revising a post uses it: a streak depends on every answer after the revised one, so taking the
// post's old contribution out and putting the new one in cannot be done on the stored numbers alone.
internal static class BoardReplay
{
    // One counted answer and the periods its post was folded into.
    internal sealed record Step(PostAnswer Answer, IReadOnlyList<string> Periods);

    // The person's entry on each of the wanted periods; a period they have no counted answer in is absent.
    public static Dictionary<string, BoardEntry> Rebuild(IEnumerable<Step> history, IReadOnlyList<string> wanted)
    {
        BoardEntry? all = null;
        var entries = new Dictionary<string, BoardEntry>(StringComparer.Ordinal);
        foreach (var step in history)
        {
            // As in a close: the streak is the conversation's, worked out on the all-time entry.
            var streak = Scoring.NextStreak(all, step.Answer.Correct);
            all = Scoring.Apply(all, step.Answer, streak);
            foreach (var period in step.Periods.Distinct().Where(wanted.Contains))
            {
                entries[period] = Scoring.Apply(entries.GetValueOrDefault(period), step.Answer, streak);
            }
        }
        return entries;
    }

    // The periods a post other than the revised one was folded into: a close passes Periods.For its slot in its zone.
    public static IReadOnlyList<string> PeriodsOf(DateTimeOffset slotAt, string timeZone, Dictionary<string, TimeZoneInfo> zones)
    {
        if (!zones.TryGetValue(timeZone, out var zone))
        {
            zone = zones[timeZone] = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        return Periods.For(slotAt, zone);
    }

    // Refuses, before anything is written, a new answer the post cannot take.
    public static void Check(RoundPost post, int? newAnswer)
    {
        if (newAnswer is not { } answer)
        {
            return;
        }
        if (post.Question.LegacyPosition is not null)
        {
            throw new ArgumentException($"Post {post.Id} was stored before answer keys were kept with posts; it can be voided but not given a new answer.",
                nameof(newAnswer));
        }
        if (answer < 0 || answer >= post.Question.Choices)
        {
            throw new ArgumentOutOfRangeException(nameof(newAnswer), answer,
                $"The new answer must be one of the post's {post.Question.Choices} choices (0 to {post.Question.Choices - 1}).");
        }
    }

    // A closed post that a revision voided keeps its tally: that is how it differs from one voided while open, which never
    // folded anything and can only stay void.
    public static bool WasClosed(RoundPost post) => post.State == PostState.Closed || (post.State == PostState.Void && post.Tally is not null);

    public static bool IsAt(RoundPost post, int? newAnswer) => newAnswer is { } a
        ? post.State == PostState.Closed && post.Question.Answer == a
        : post.State == PostState.Void;
}
