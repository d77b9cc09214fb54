namespace QuizBot.Http;

// An answer a redelivery of the same request gets again (Redeliveries), made into bytes only when one asks: a burst
// remembers thousands of them for minutes, long enough for copies to reach the GC's oldest generation.
internal interface IAnswerBytes
{
    byte[] ToArray();
}
