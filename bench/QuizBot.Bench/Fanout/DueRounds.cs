using QuizBot.Bench.Hosting;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Bench.Fanout;

// Conversations whose round is due at one slot, so that a single scheduler tick posts one question in each; and,
// after the tick, how many of those posts were not marked posted. Shared by the Teams and Slack fan-out runs.
internal sealed class DueRounds(AppUnderTest app)
{
    private readonly IConversationStore _addresses = app.Get<IConversationStore>();
    private readonly IRoundStore _rounds = app.Get<IRoundStore>();
    private readonly string _bankId = app.Get<BankCatalog>().All.First().Id;

    // The last whole second before now: already due at the first tick.
    public DateTimeOffset Slot { get; } = LastWholeSecond(app.Get<TimeProvider>().GetUtcNow());

    public async Task AddAsync(string conversationKey, string address, string adminKey, CancellationToken ct)
    {
        await _addresses.SaveConversationAsync(conversationKey, address, ct);
        // A yearly cron whose slot is already due: one tick posts exactly one question everywhere.
        var round = new Round(conversationKey, _bankId, "0 0 1 1 *", "bench", "UTC", 1, TimeSpan.FromHours(8), Repeat: true, WeeklyBoard: false,
            RoundStatus.Active, 0, Slot, null, adminKey, Slot, Version: 1);
        if (!await _rounds.SaveRoundAsync(round, null, ct))
        {
            throw new InvalidOperationException($"Could not save the round of {conversationKey}");
        }
    }

    public async Task<int> NotPostedAsync(IEnumerable<string> conversationKeys, CancellationToken ct)
    {
        var failed = 0;
        foreach (var key in conversationKeys)
        {
            var post = await _rounds.GetPostAsync(RoundPost.IdFor(key, Slot, 0), ct);
            failed += post?.State == PostState.Posted ? 0 : 1;
        }
        return failed;
    }

    private static DateTimeOffset LastWholeSecond(DateTimeOffset now) =>
        new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(-1);
}
