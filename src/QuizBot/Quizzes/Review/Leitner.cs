namespace QuizBot.Quizzes.Review;

// The Leitner schedule: five boxes whose intervals double. A right answer in review moves a question up a box (and past
// the fifth retires it); a wrong one, in review or in any later round or quiz, sends it back to the first.
//
// Days are UTC days: QuizBot knows no person's time zone (a round's zone is the team's, not the person's), and one rule
// for everybody keeps "due today" the same on every instance. A card is due from the start (00:00 UTC) of its day.
internal static class Leitner
{
    public const int Boxes = 5;

    private static readonly int[] IntervalDays = [1, 2, 4, 8, 16];

    public static int Interval(int box) => IntervalDays[box - 1];

    public static DateTimeOffset Today(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    // What is due "today" is everything due before tomorrow starts.
    public static DateTimeOffset EndOfToday(DateTimeOffset now) => Today(now).AddDays(1);

    // A miss is due the next day, not today: the person has just read the right answer and its explanation, and asking it
    // again within the hour would test what they just read rather than what they remember. Box 1's interval is a day.
    public static DateTimeOffset DueInBox(int box, DateTimeOffset now) => Today(now).AddDays(Interval(box));

    // Where an answer in review sends a card in box `box`, and when it is next due (a retired card is never due again).
    public static (int Box, DateTimeOffset DueAt) After(int box, bool correct, DateTimeOffset now) =>
        !correct ? (1, DueInBox(1, now))
        : box >= Boxes ? (Storage.ReviewCard.Retired, Today(now))
        : (box + 1, DueInBox(box + 1, now));
}
