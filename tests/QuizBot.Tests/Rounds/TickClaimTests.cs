using Microsoft.Extensions.DependencyInjection;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Chat;

namespace QuizBot.Tests.Rounds;

// A tick claims its due rounds one at a time while the claimed ones are already posting (RoundPublisher.TickAsync).
public sealed class TickClaimTests : IDisposable
{
    private static readonly Participant Alice = ChatHost.Person("alice", "Alice");
    private readonly StoreFaults _faults = new();
    private readonly ChatHost _host;

    public TickClaimTests() =>
        _host = new ChatHost(new Dictionary<string, string?>(),
            services => services.AddSingleton<IRoundStore>(sp => _faults.Over(sp.GetRequiredService<IQuizStore>())), "test:alice");

    public void Dispose() => _host.Dispose();

    // A store failure part-way through the claims ends the claiming, not the tick: the post already claimed goes out
    // now (it used to wait, Claimed, for its lease to lapse), and the round not yet claimed is still due at the next tick.
    [Fact]
    public async Task A_claim_that_fails_mid_tick_stops_the_claiming_but_not_the_post_already_claimed()
    {
        string[] rooms = [ChatHost.Conversation("room-a"), ChatHost.Conversation("room-b")];
        foreach (var room in rooms)
        {
            await _host.SayAsync(Alice, room, "schedule daily 09:00 UTC window 2h");
        }
        _host.Time.Advance(TimeSpan.FromHours(1));
        _faults.Fail(nameof(IRoundStore.ClaimSlotAsync), 1, after: 1);

        await _host.TickAsync();
        var first = Assert.Single(_host.Outbound.Calls, c => c.View is ChatView.RoundQuestion);
        var post = ((ChatView.RoundQuestion)first.View).View.Post;
        Assert.Equal(PostState.Posted, (await _host.Get<IRoundStore>().GetPostAsync(post.Id, default))!.State);

        await _host.TickAsync();
        var posted = _host.Outbound.Calls.Where(c => c.View is ChatView.RoundQuestion).Select(c => c.Address).Order().ToList();
        Assert.Equal(rooms.Select(r => "address-of-" + r).Order(), posted);
    }
}
