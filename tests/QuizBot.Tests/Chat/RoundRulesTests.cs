using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Chat;

// The round rules, once, for every channel: they run against Chat/ and a recording outbound port, so the Teams and
// Slack adapters only have to carry turns in and replies out.
public sealed class RoundRulesTests : IDisposable
{
    private static readonly string Room = ChatHost.Conversation("room-1");
    private static readonly Participant Alice = ChatHost.Person("alice", "Alice");
    private static readonly Participant Bob = ChatHost.Person("bob", "Bob");
    private static readonly Participant Carol = ChatHost.Person("carol", "Carol");
    private static readonly Participant Dave = ChatHost.Person("dave", "Dave");
    private readonly ChatHost _host = new("test:alice");

    public void Dispose() => _host.Dispose();

    private async Task<RoundQuestionView> PostNowAsync()
    {
        var scheduled = Text(await _host.SayAsync(Alice, Room, "schedule daily 09:00 UTC window 2h"));
        Assert.Contains("next", scheduled, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await _host.SayAsync(Alice, Room, "post now")).Messages);
        var (kind, address, _, view) = Assert.Single(_host.Outbound.Calls);
        Assert.Equal(("post", "address-of-" + Room), (kind, address));
        return Assert.IsType<ChatView.RoundQuestion>(view).View;
    }

    private static string Text(ChatReply reply) => Assert.IsType<ChatView.Text>(Assert.Single(reply.Messages).View).Markup;

    private static RoundResultView InPlaceResult(ChatReply reply)
    {
        var message = Assert.Single(reply.Messages);
        Assert.Equal(Audience.InPlace, message.Audience);
        return Assert.IsType<ChatView.RoundResult>(message.View).View;
    }

    [Fact]
    public async Task Only_an_admin_may_schedule_and_a_granted_admin_may_too()
    {
        Assert.Equal(Admins.Refusal, Text(await _host.SayAsync(Bob, Room, "schedule daily 09:00 UTC")));
        Assert.Equal(Admins.Refusal, Text(await _host.SayAsync(Bob, Room, "post now")));
        Assert.Contains("Mention the person", Text(await _host.SayAsync(Alice, Room, "admin add bob")), StringComparison.Ordinal);
        await _host.SayAsync(Alice, Room, "admin add @Bob", Bob);
        Assert.DoesNotContain("only a QuizBot admin", Text(await _host.SayAsync(Bob, Room, "schedule daily 09:00 UTC")), StringComparison.Ordinal);
        // The grant is for this conversation only.
        Assert.Equal(Admins.Refusal, Text(await _host.SayAsync(Bob, ChatHost.Conversation("room-2"), "schedule daily 09:00 UTC")));
    }

    [Fact]
    public async Task A_person_answers_once_and_only_they_see_their_result_in_place_of_the_card()
    {
        var question = await PostNowAsync();
        var right = question.Question.Answer;
        var wrong = (right + 1) % question.Question.Choices.Count;

        var first = InPlaceResult(await _host.ClickAsync(Bob, Room, new CardAction.RoundAnswer(question.Post.Id, right)));
        Assert.True(first.Correct);
        Assert.Null(first.Notice);

        // A changed answer is refused: the first one stands and is shown again.
        var again = InPlaceResult(await _host.ClickAsync(Bob, Room, new CardAction.RoundAnswer(question.Post.Id, wrong)));
        Assert.Equal(right, again.Choice);
        Assert.Contains("first answer stands", again.Notice, StringComparison.Ordinal);

        Assert.False(InPlaceResult(await _host.ClickAsync(Carol, Room, new CardAction.RoundAnswer(question.Post.Id, wrong))).Correct);

        // The shared card shows how many answered and who, refreshed once per tick, never what they chose.
        await _host.TickAsync();
        var update = Assert.IsType<ChatView.RoundQuestion>(_host.Outbound.Calls.Last().View);
        Assert.Equal(2, update.View.Answers);
        Assert.Equal(["Carol", "Bob"], update.View.RecentAnswerers);
        Assert.Equal([Carol.Key, Bob.Key], update.PersonalViews);
    }

    [Fact]
    public async Task The_close_reveals_the_answer_counts_the_board_and_refuses_late_clicks()
    {
        var question = await PostNowAsync();
        var right = question.Question.Answer;
        var wrong = (right + 1) % question.Question.Choices.Count;
        await _host.ClickAsync(Bob, Room, new CardAction.RoundAnswer(question.Post.Id, wrong));
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        await _host.ClickAsync(Carol, Room, new CardAction.RoundAnswer(question.Post.Id, right));

        _host.Time.Advance(TimeSpan.FromHours(2));
        await _host.TickAsync();
        var closed = Assert.Single(_host.Outbound.Views<ChatView.RoundClosed>()).View;
        Assert.Equal(2, closed.Answers);
        Assert.Equal(1, closed.Tally[right]);
        Assert.Equal(1, closed.Tally[wrong]);
        Assert.Equal("Carol", Assert.Single(closed.Fastest).Name);

        var late = Assert.Single((await _host.ClickAsync(Dave, Room, new CardAction.RoundAnswer(question.Post.Id, right))).Messages);
        Assert.Equal(Audience.Clicker, late.Audience);
        Assert.Contains("closed", Assert.IsType<ChatView.Text>(late.View).Markup, StringComparison.Ordinal);

        var board = Assert.IsType<ChatView.Board>(Assert.Single((await _host.SayAsync(Dave, Room, "leaderboard all")).Messages).View).View;
        Assert.Equal([("Carol", 1, 1), ("Bob", 2, 0)], board.Rows.Select(r => (r.Name, r.Rank, r.Points)));
        var missed = Assert.IsType<ChatView.Missed>(Assert.Single((await _host.SayAsync(Dave, Room, "missed")).Messages).View);
        Assert.Equal(50, Assert.Single(missed.Items).WrongPercent);
    }

    [Fact]
    public async Task A_forged_or_foreign_post_is_refused_to_the_clicker_alone()
    {
        var question = await PostNowAsync();
        foreach (var reply in new[]
        {
            await _host.ClickAsync(Bob, Room, new CardAction.RoundAnswer("no-such-post", 0)),
            await _host.ClickAsync(Bob, ChatHost.Conversation("elsewhere"), new CardAction.RoundAnswer(question.Post.Id, 0)),
            await _host.ClickAsync(Bob, Room, new CardAction.RoundAnswer(question.Post.Id, 99)),
        })
        {
            var message = Assert.Single(reply.Messages);
            Assert.Equal(Audience.Clicker, message.Audience);
            Assert.IsType<ChatView.Refusal>(message.View);
        }
        await _host.TickAsync();
        Assert.Empty(_host.Outbound.Views<ChatView.RoundClosed>());
        Assert.Single(_host.Outbound.Calls); // no count update: nothing was accepted
    }

    [Fact]
    public async Task A_conversation_the_channel_reports_gone_gets_no_more_posts()
    {
        await PostNowAsync();
        _host.Outbound.Failure = new DeliveryFailedException("403 ConversationBlockedByUser", gone: true);
        _host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1)); // past the next 09:00 slot
        await _host.TickAsync();
        _host.Outbound.Failure = null;
        _host.Time.Advance(TimeSpan.FromDays(1));
        await _host.TickAsync();
        Assert.Single(_host.Outbound.Views<ChatView.RoundQuestion>());
    }

    [Fact]
    public async Task A_click_on_someone_elses_self_paced_card_is_refused()
    {
        var reply = await _host.SayAsync(Bob, ChatHost.Conversation("dm-bob"), "quiz");
        var question = Assert.IsType<ChatView.Question>(reply.Messages[^1].View).View;
        var answer = new CardAction.Answer(question.SessionId, question.Index, question.Question.Answer);
        var stolen = Assert.Single((await _host.ClickAsync(Carol, ChatHost.Conversation("dm-bob"), answer)).Messages);
        Assert.IsType<ChatView.Refusal>(stolen.View);
        var mine = await _host.ClickAsync(Bob, ChatHost.Conversation("dm-bob"), answer);
        Assert.Equal([Audience.InPlace, Audience.Everyone], mine.Messages.Select(m => m.Audience));
        Assert.IsType<ChatView.Question>(mine.Messages[1].View);
    }
}
