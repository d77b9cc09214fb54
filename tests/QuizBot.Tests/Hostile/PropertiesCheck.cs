namespace QuizBot.Tests.Hostile;

// The properties every entry point keeps, whatever arrives: no 5xx, no stack trace in the answer or in anything the
// bot sends, no error logged with an exception, nothing stored when the request is refused (checked by the caller
// with rows taken before and after), and an answer within the hang limit (HostileHost.SendAsync).
internal static class PropertiesCheck
{
    public static async Task<Exchange> HoldsAsync(HostileHost host, Tally tally, string entryPoint, Func<Task<Exchange>> send,
        Func<Exchange, bool>? refusedInBody = null, string what = "")
    {
        var sentBefore = host.SentCount;
        var errorsBefore = host.Errors.Count;
        var rowsBefore = host.Rows();
        var dataBefore = host.Rows(withDeliveries: false);
        var exchange = await send();
        // 501 is the Bot Framework's answer to an invoke the bot does not implement (the SDK's ActivityHandler gives
        // it too): a refusal by protocol, not a crash.
        var notImplemented = exchange.Status == 501;
        // 502 with this sentence: the channel's connector refused the reply (here the stand-in refuses a conversation
        // id too long for its URL); the bot said so plainly and stored the turn as failed.
        var channelRefused = exchange.Status == 502 && exchange.Body.Contains("The reply could not be delivered to the channel.", StringComparison.Ordinal);
        var refused = exchange.Refused || notImplemented || refusedInBody?.Invoke(exchange) == true;
        tally.Add(entryPoint, refused);

        Assert.True(exchange.Status < 500 || notImplemented || channelRefused, $"{entryPoint} answered {exchange.Status}: {Cut(exchange.Body)}\nfor {Cut(what)}");
        if (HostileHost.Leak(exchange.Body) is { } leak)
        {
            Assert.Fail($"{entryPoint}'s answer shows {leak}: {Cut(exchange.Body)}\nfor {Cut(what)}");
        }
        foreach (var sent in host.Sent.Skip(sentBefore))
        {
            if (HostileHost.Leak(sent) is { } inMessage)
            {
                Assert.Fail($"A message the bot sent after {entryPoint} shows {inMessage}: {Cut(sent)}\nfor {Cut(what)}");
            }
        }
        var errors = host.Errors.Skip(errorsBefore).ToList();
        Assert.True(errors.Count == 0, $"{entryPoint} logged an error with an exception: {string.Join("\n", errors)}\nfor {Cut(what)}");
        if (refused)
        {
            // A refusal in an HTTP status stores nothing at all; one inside an answer (an invoke's error, after the
            // activity was read) may keep the delivery record that makes a redelivery run once, and nothing else.
            Assert.True(exchange.Refused ? rowsBefore == host.Rows() : host.Rows(withDeliveries: false) == dataBefore,
                $"{entryPoint} refused ({exchange.Status}: {Cut(exchange.Body)}) but stored something\nfor {Cut(what)}");
        }
        return exchange;
    }

    public static string Cut(string text) => text.Length <= 600 ? text : text[..600] + $"… ({text.Length} chars)";
}
