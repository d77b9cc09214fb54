using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Tests.Chat;

// One conversation whose channel refuses, hangs or breaks costs only its own work: every other conversation's post,
// close and count goes out in the same tick, and the faulty one is retried with backoff once it recovers.
public sealed class UnreachableConversationTests : IDisposable
{
    private const double SendTimeoutSeconds = 5;
    private static readonly string RoomA = ChatHost.Conversation("room-a");
    private static readonly string RoomB = ChatHost.Conversation("room-b");
    private static readonly string AtA = "address-of-" + RoomA;
    private static readonly string AtB = "address-of-" + RoomB;
    private static readonly Participant Alice = ChatHost.Person("alice", "Alice");
    private static readonly Participant Bob = ChatHost.Person("bob", "Bob");
    private readonly ChatHost _host = new(new Dictionary<string, string?> { ["QuizBot:Scheduler:SendTimeoutSeconds"] = $"{SendTimeoutSeconds}" }, "test:alice");

    public void Dispose() => _host.Dispose();

    private async Task<string> OpenPostAsync(string room)
    {
        await _host.SayAsync(Alice, room, "schedule daily 09:00 UTC window 2h");
        await _host.SayAsync(Alice, room, "post now");
        return Assert.IsType<ChatView.RoundQuestion>(_host.Outbound.Calls.Last(c => c.Address == "address-of-" + room).View).View.Post.Id;
    }

    private async Task<PostState?> StateAsync(string postId) => (await _host.Get<IRoundStore>().GetPostAsync(postId, default))?.State;

    private int ClosedCards(string address) => _host.Outbound.Calls.Count(c => c.Address == address && c.View is ChatView.RoundClosed);

    private async Task<(string A, string B)> TwoPostsPastTheirCloseAsync()
    {
        var a = await OpenPostAsync(RoomA);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var b = await OpenPostAsync(RoomB);
        _host.Time.Advance(TimeSpan.FromHours(2)); // A's post closes first, so a tick that stops at A never reaches B
        return (a, b);
    }

    [Theory]
    [InlineData(ChannelFault.Refuse)]
    [InlineData(ChannelFault.Throttle)]
    public async Task A_refused_close_card_does_not_stop_another_conversations_close_and_is_sent_once_when_it_recovers(ChannelFault fault)
    {
        var (a, b) = await TwoPostsPastTheirCloseAsync();
        _host.Outbound.Faults[(AtA, "update")] = fault;

        await _host.TickAsync();

        Assert.Equal((PostState.Closed, PostState.Closed), (await StateAsync(a), await StateAsync(b)));
        Assert.Equal((0, 1), (ClosedCards(AtA), ClosedCards(AtB)));

        _host.Outbound.Faults.Clear();
        for (var i = 0; i < 3; i++)
        {
            _host.Time.Advance(ConversationSends.FirstRest);
            await _host.TickAsync();
        }
        Assert.Equal((1, 1), (ClosedCards(AtA), ClosedCards(AtB)));
    }

    [Fact]
    public async Task A_conversation_that_never_answers_holds_another_conversations_close_for_no_longer_than_the_send_timeout()
    {
        var (a, b) = await TwoPostsPastTheirCloseAsync();
        _host.Outbound.Faults[(AtA, "update")] = ChannelFault.Hang;

        var tick = _host.TickAsync();
        await Until(() => ClosedCards(AtB) == 1 && _host.Outbound.AttemptsOf("update", AtA) == 1);
        Assert.False(tick.IsCompleted);
        _host.Time.Advance(TimeSpan.FromSeconds(SendTimeoutSeconds));
        await tick.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((PostState.Closed, PostState.Closed), (await StateAsync(a), await StateAsync(b)));
        Assert.Equal(0, ClosedCards(AtA));
    }

    [Theory]
    [InlineData(ChannelFault.Refuse)]
    [InlineData(ChannelFault.Break)]
    public async Task A_post_that_breaks_in_one_conversation_still_lets_the_other_post_in_the_same_tick(ChannelFault fault)
    {
        await _host.SayAsync(Alice, RoomA, "schedule daily 09:00 UTC window 2h");
        await _host.SayAsync(Alice, RoomB, "schedule daily 09:00 UTC window 2h");
        _host.Outbound.Faults[(AtA, "post")] = fault;
        _host.Time.Advance(TimeSpan.FromMinutes(61)); // past 09:00

        await _host.TickAsync();

        var posted = Assert.Single(_host.Outbound.Calls, c => c.Kind == "post");
        Assert.Equal(AtB, posted.Address);
        var slot = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(PostState.Failed, await StateAsync(RoundPost.IdFor(RoomA, slot, 0)));
        Assert.Equal(PostState.Posted, await StateAsync(RoundPost.IdFor(RoomB, slot, 0)));
    }

    [Theory]
    [InlineData(ChannelFault.Refuse)]
    [InlineData(ChannelFault.Throttle)]
    public async Task A_conversation_that_keeps_failing_is_tried_at_growing_intervals_not_every_tick(ChannelFault fault)
    {
        await OpenPostAsync(RoomA);
        _host.Outbound.Faults[(AtA, "update")] = fault;
        _host.Time.Advance(TimeSpan.FromHours(2));

        var tried = new List<double>();
        var start = _host.Time.GetUtcNow();
        for (var tick = 0; tick <= 30; tick++)
        {
            var before = _host.Outbound.AttemptsOf("update", AtA);
            await _host.TickAsync();
            if (_host.Outbound.AttemptsOf("update", AtA) > before)
            {
                tried.Add((_host.Time.GetUtcNow() - start).TotalSeconds);
            }
            _host.Time.Advance(TimeSpan.FromSeconds(2));
        }

        // 31 ticks, 2 s apart: five tries, each rest twice the last.
        Assert.Equal([0, 2, 6, 14, 30], tried);
    }

    [Fact]
    public async Task A_failing_count_update_does_not_stop_another_conversations_count_and_is_shown_after_recovery()
    {
        var a = await OpenPostAsync(RoomA);
        var b = await OpenPostAsync(RoomB);
        await _host.ClickAsync(Bob, RoomA, new CardAction.RoundAnswer(a, 0));
        await _host.ClickAsync(Bob, RoomB, new CardAction.RoundAnswer(b, 0));
        _host.Outbound.Faults[(AtA, "update")] = ChannelFault.Refuse;

        await _host.TickAsync();

        Assert.Empty(Counts(AtA));
        Assert.Equal(1, Assert.Single(Counts(AtB)));

        _host.Outbound.Faults.Clear();
        _host.Time.Advance(ConversationSends.FirstRest);
        await _host.TickAsync();
        Assert.Equal(1, Assert.Single(Counts(AtA)));
    }

    private List<int> Counts(string address) =>
        [.. _host.Outbound.Calls.Where(c => c.Kind == "update" && c.Address == address).Select(c => ((ChatView.RoundQuestion)c.View).View.Answers)];

    private static async Task Until(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }
}
