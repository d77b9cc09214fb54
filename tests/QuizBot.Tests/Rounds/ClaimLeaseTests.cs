using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// A claimed post whose card went out but was never marked posted (the store failed, the process died): it must not stay
// Claimed. Clicks open it, the next ticks resolve it within one lease, and a retried `post now` never posts twice.
public sealed class ClaimLeaseTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(new PublishingOptions().ClaimLeaseSeconds);
    private static readonly Participant Alice = LeaseHost.Person("alice", "Alice");
    private static readonly Participant Bob = LeaseHost.Person("bob", "Bob");
    private readonly TempDir _dir = new();
    private readonly List<LeaseHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        _dir.Dispose();
    }

    private LeaseHost Host(DateTimeOffset at)
    {
        var host = new LeaseHost(_dir.File("quizbot.db"), at);
        _hosts.Add(host);
        return host;
    }

    // `post now` whose card is sent but whose every attempt to mark it posted fails: the request ends in the store's
    // error (the channel is answered 503). Returns the card as the channel got it.
    private static async Task<(RoundQuestionView Card, string MessageId)> PostNowWithoutMarkAsync(LeaseHost host, string turnId)
    {
        await host.SayAsync(Alice, "schedule daily 09:00 UTC window 2h");
        host.Faults.Fail(nameof(IRoundStore.MarkPostedAsync), 3);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => host.SayAsync(Alice, "post now", turnId));
        var (_, _, messageId, view) = Assert.Single(host.Outbound.Calls, c => c.Kind == "post");
        return (((ChatView.RoundQuestion)view).View, messageId!);
    }

    private static async Task<RoundPost> PostAsync(LeaseHost host, string postId) => (await host.Get<IRoundStore>().GetPostAsync(postId, default))!;

    [Fact]
    public async Task A_click_on_a_card_whose_post_is_still_claimed_counts_and_the_close_updates_that_card()
    {
        var host = Host(Start);
        var (card, messageId) = await PostNowWithoutMarkAsync(host, "activity-1");
        Assert.Equal(PostState.Claimed, (await PostAsync(host, card.Post.Id)).State);

        var reply = await host.ClickAsync(Bob, card.Post.Id, card.Question.Answer, messageId);
        Assert.True(Assert.IsType<ChatView.RoundResult>(Assert.Single(reply.Messages).View).View.Correct);
        Assert.Equal((PostState.Posted, messageId), ((await PostAsync(host, card.Post.Id)).State, (await PostAsync(host, card.Post.Id)).MessageId));

        host.Time.Advance(TimeSpan.FromHours(2));
        await host.TickAsync();
        var closed = Assert.Single(host.Outbound.Calls, c => c.View is ChatView.RoundClosed);
        Assert.Equal(messageId, closed.MessageId);
        Assert.Equal(1, ((ChatView.RoundClosed)closed.View).View.Answers);
    }

    [Fact]
    public async Task After_a_crash_between_send_and_mark_a_new_process_opens_the_post_within_one_lease_and_it_closes_on_time()
    {
        var crashed = Host(Start);
        var (card, messageId) = await PostNowWithoutMarkAsync(crashed, "activity-1");
        crashed.Dispose();

        // The restarted process ticks every few seconds; within one lease of the claim the post is open.
        var restarted = Host(Start.AddSeconds(10));
        await restarted.TickAsync();
        Assert.Equal(PostState.Claimed, (await PostAsync(restarted, card.Post.Id)).State);
        restarted.Time.Advance(Lease);
        await restarted.TickAsync();
        var opened = await PostAsync(restarted, card.Post.Id);
        Assert.Equal((PostState.Posted, null), (opened.State, opened.MessageId));

        // Clicks on the card that did arrive count, and tell where the card is, so the close can update it.
        Assert.True(Assert.IsType<ChatView.RoundResult>(Assert.Single((await restarted.ClickAsync(Bob, card.Post.Id, card.Question.Answer, messageId))
            .Messages).View).View.Correct);
        restarted.Time.SetUtcNow(card.Post.ClosesAt);
        await restarted.TickAsync();
        Assert.Equal(messageId, Assert.Single(restarted.Outbound.Calls, c => c.View is ChatView.RoundClosed).MessageId);
        var board = Assert.IsType<ChatView.Board>(Assert.Single((await restarted.SayAsync(Bob, "leaderboard all")).Messages).View).View;
        Assert.Equal([("Bob", 1)], board.Rows.Select(r => (r.Name, r.Points)));
    }

    [Fact]
    public async Task A_post_opened_by_its_lease_that_nobody_answered_closes_for_nobody_without_a_card_update()
    {
        var crashed = Host(Start);
        var (card, _) = await PostNowWithoutMarkAsync(crashed, "activity-1");
        crashed.Dispose();

        var restarted = Host(Start + Lease);
        await restarted.TickAsync();
        restarted.Time.SetUtcNow(card.Post.ClosesAt);
        await restarted.TickAsync();

        Assert.Equal(PostState.Void, (await PostAsync(restarted, card.Post.Id)).State);
        Assert.DoesNotContain(restarted.Outbound.Calls, c => c.Kind == "update");
        Assert.DoesNotContain(await restarted.Get<IRoundStore>().GetPostsToCloseAsync(restarted.Time.GetUtcNow(), default), p => p.Id == card.Post.Id);
    }

    [Fact]
    public async Task A_claim_found_only_after_its_answer_window_is_marked_failed_and_refuses_clicks()
    {
        var crashed = Host(Start);
        var (card, messageId) = await PostNowWithoutMarkAsync(crashed, "activity-1");
        crashed.Dispose();

        var restarted = Host(card.Post.ClosesAt.AddMinutes(1));
        await restarted.TickAsync();

        Assert.Equal(PostState.Failed, (await PostAsync(restarted, card.Post.Id)).State);
        var late = await restarted.ClickAsync(Bob, card.Post.Id, card.Question.Answer, messageId);
        Assert.Contains("closed", Assert.IsType<ChatView.Text>(Assert.Single(late.Messages).View).Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_now_retried_after_it_was_answered_with_an_error_posts_one_question()
    {
        var host = Host(Start);
        await PostNowWithoutMarkAsync(host, "activity-1");

        // The channel retries the command it got an error for: the claim is found, nothing more is posted.
        var retried = await host.SayAsync(Alice, "post now", "activity-1");
        Assert.Equal("It is being posted.", Assert.IsType<ChatView.Text>(Assert.Single(retried.Messages).View).Markup);
        host.Time.Advance(Lease);
        await host.TickAsync();
        var again = await host.SayAsync(Alice, "post now", "activity-1");
        Assert.Equal("That question is already posted.", Assert.IsType<ChatView.Text>(Assert.Single(again.Messages).View).Markup);
        Assert.Single(host.Outbound.Calls, c => c.Kind == "post");
    }

    [Fact]
    public async Task The_same_post_now_delivered_twice_posts_one_question_and_another_command_posts_the_next()
    {
        var host = Host(Start);
        await host.SayAsync(Alice, "schedule daily 09:00 UTC window 2h");

        Assert.Empty((await host.SayAsync(Alice, "post now", "activity-1")).Messages);
        var redelivered = await host.SayAsync(Alice, "post now", "activity-1");
        Assert.Equal("That question is already posted.", Assert.IsType<ChatView.Text>(Assert.Single(redelivered.Messages).View).Markup);
        Assert.Single(host.Outbound.Calls, c => c.Kind == "post");

        Assert.Empty((await host.SayAsync(Alice, "post now", "activity-2")).Messages);
        var posted = host.Outbound.Views<ChatView.RoundQuestion>().Select(v => v.View.Question.Id).ToList();
        Assert.Equal(2, posted.Distinct().Count());
    }

    [Fact]
    public async Task A_mark_that_fails_once_is_tried_again_and_the_post_is_open_at_once()
    {
        var host = Host(Start);
        await host.SayAsync(Alice, "schedule daily 09:00 UTC window 2h");
        host.Faults.Fail(nameof(IRoundStore.MarkPostedAsync), 1);

        Assert.Empty((await host.SayAsync(Alice, "post now", "activity-1")).Messages);

        var (_, _, messageId, view) = Assert.Single(host.Outbound.Calls);
        var post = await PostAsync(host, ((ChatView.RoundQuestion)view).View.Post.Id);
        Assert.Equal((PostState.Posted, messageId), (post.State, post.MessageId));
    }
}
