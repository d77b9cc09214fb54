namespace QuizBot.Channels.Slack;

// Conversions between TimeSpan and TimeProvider timestamp units, exact when the frequency is TimeSpan's own.
internal static class RateTime
{
    public static long Units(TimeSpan span, long frequency) =>
        (long)((Int128)span.Ticks * frequency / TimeSpan.TicksPerSecond);

    // Rounded up, so a wake-up never comes early and a wait loop never spins on a zero-length delay.
    public static TimeSpan Span(long units, long frequency) =>
        TimeSpan.FromTicks((long)(((Int128)units * TimeSpan.TicksPerSecond + frequency - 1) / frequency));
}
