using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Tests.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// A bank edited while round questions are open: the file changes and the service restarts on the same store. Posts
// keep the question's id and the key it was posted with, so nothing is re-scored and a withdrawn question counts for
// nobody.
public sealed class BankEditTests : IDisposable
{
    private static readonly string Room = ChatHost.Conversation("room-1");
    private static readonly Participant Alice = ChatHost.Person("alice", "Alice");
    private static readonly Participant Bob = ChatHost.Person("bob", "Bob");
    private static readonly Participant Carol = ChatHost.Person("carol", "Carol");
    private readonly BankFolder _banks = new();
    private readonly TempDir _db = new();
    private readonly List<ChatHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        _db.Dispose();
        _banks.Dispose();
    }

    // A service start on the shared store, with the banks folder as it is now.
    private ChatHost Start()
    {
        var host = new ChatHost(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = _db.File("quizbot.db"),
            ["QuizBot:BanksPath"] = _banks.Path,
        }, "test:alice");
        _hosts.Add(host);
        return host;
    }

    // Schedules a round and posts its first `count` questions at once.
    private static async Task<List<RoundQuestionView>> PostAsync(ChatHost host, int count)
    {
        await host.SayAsync(Alice, Room, "schedule daily 09:00 UTC window 2h");
        for (var i = 0; i < count; i++)
        {
            await host.SayAsync(Alice, Room, "post now");
            host.Time.Advance(TimeSpan.FromMinutes(1)); // each `post now` takes its own slot
        }
        return [.. host.Outbound.Views<ChatView.RoundQuestion>().Select(v => v.View)];
    }

    private static async Task<RoundResultView> AcceptedAsync(ChatHost host, Participant who, RoundQuestionView posted, int choice)
    {
        var reply = await host.ClickAsync(who, Room, new CardAction.RoundAnswer(posted.Post.Id, choice));
        return Assert.IsType<ChatView.RoundResult>(Assert.Single(reply.Messages).View).View;
    }

    private static async Task<ChatHost> ClosedAsync(ChatHost host)
    {
        host.Time.Advance(TimeSpan.FromHours(3));
        await host.TickAsync();
        return host;
    }

    private static async Task<BoardView> BoardAsync(ChatHost host)
    {
        var reply = await host.SayAsync(Alice, Room, "leaderboard all");
        return Assert.IsType<ChatView.Board>(Assert.Single(reply.Messages).View).View;
    }

    [Fact]
    public async Task Answers_after_a_reorder_an_insert_and_a_changed_answer_are_scored_with_the_key_the_question_was_posted_with()
    {
        var before = Start();
        var posted = await PostAsync(before, 2);
        var (first, second) = (posted[0].Question, posted[1].Question);

        _banks.Edit(questions =>
        {
            // The two posted questions swap places, a new one goes in front, and the first one's right answer changes.
            var a = BankFolder.Remove(questions, first.Id);
            var b = BankFolder.Remove(questions, second.Id);
            a["answer"] = (first.Answer + 1) % first.Choices.Count;
            questions.Insert(0, BankFolder.NewQuestion("added-in-front", 2));
            questions.Insert(1, b);
            questions.Insert(2, a);
        });
        var after = Start();

        var bob = await AcceptedAsync(after, Bob, posted[0], first.Answer);
        Assert.True(bob.Correct);
        Assert.Equal(first.Id, bob.Question.Id);
        var carol = await AcceptedAsync(after, Carol, posted[1], second.Answer);
        Assert.True(carol.Correct);
        Assert.Equal(second.Text, carol.Question.Text);

        await ClosedAsync(after);
        var closed = after.Outbound.Views<ChatView.RoundClosed>().Select(c => c.View).OrderBy(v => v.Post.SlotAt).ThenBy(v => v.Post.Id).ToList();
        Assert.Equal([(first.Id, first.Answer, 1), (second.Id, second.Answer, 1)],
            closed.Select(c => (c.Question.Id, c.Question.Answer, c.Tally[c.Question.Answer])));
        Assert.Equal([("Bob", 1), ("Carol", 1)], (await BoardAsync(after)).Rows.Select(r => (r.Name, r.Points)).Order());
        var missed = Assert.IsType<ChatView.Missed>(Assert.Single((await after.SayAsync(Alice, Room, "missed")).Messages).View);
        Assert.All(missed.Items, m => Assert.Equal(0, m.Wrong));
    }

    [Fact]
    public async Task A_question_removed_from_the_bank_voids_its_open_post_and_the_others_close_as_usual()
    {
        var before = Start();
        var posted = await PostAsync(before, 2);
        var (gone, kept) = (posted[0].Question, posted[1].Question);
        Assert.True((await AcceptedAsync(before, Bob, posted[0], gone.Answer)).Correct);

        _banks.Edit(questions => BankFolder.Remove(questions, gone.Id));
        var after = Start();

        var refused = Assert.IsType<ChatView.Refusal>(Assert.Single(
            (await after.ClickAsync(Carol, Room, new CardAction.RoundAnswer(posted[0].Post.Id, gone.Answer))).Messages).View);
        Assert.Contains("withdrawn from the bank", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("counts for nobody", refused.Reason, StringComparison.Ordinal);
        var carol = await AcceptedAsync(after, Carol, posted[1], kept.Answer);
        Assert.True(carol.Correct);
        Assert.Equal(kept.Id, carol.Question.Id);

        await ClosedAsync(after);
        // The withdrawn post's shared card says so; the other closes with its outcome; nothing waits for a later tick.
        var withdrawn = Assert.Single(after.Outbound.Calls, c => c.Kind == "update" && c.MessageId == posted[0].Post.SentAs(before));
        Assert.Contains("withdrawn from the bank", Assert.IsType<ChatView.Text>(withdrawn.View).Markup, StringComparison.Ordinal);
        var closed = Assert.Single(after.Outbound.Views<ChatView.RoundClosed>()).View;
        Assert.Equal((kept.Id, 1), (closed.Question.Id, closed.Answers));
        // Bob's answer to the withdrawn question counts for nobody.
        Assert.Equal([("Carol", 1)], (await BoardAsync(after)).Rows.Select(r => (r.Name, r.Points)));
        var missed = Assert.IsType<ChatView.Missed>(Assert.Single((await after.SayAsync(Alice, Room, "missed")).Messages).View);
        Assert.Equal([kept.Id], missed.Items.Select(m => m.Question.Id));

        // Later ticks leave both posts alone.
        var calls = after.Outbound.Calls.Count;
        await ClosedAsync(after);
        Assert.Equal(calls, after.Outbound.Calls.Count);
    }

    [Fact]
    public async Task A_shrunk_bank_never_throws_on_answers_missed_or_the_close()
    {
        var before = Start();
        await before.SayAsync(Alice, Room, "schedule daily 09:00 UTC window 2h");
        var ids = _banks.Ids;
        // Post the bank's last question: cursor at the end, so its position lies past the end of the shrunk bank.
        for (var i = 0; i < ids.Count; i++)
        {
            await before.SayAsync(Alice, Room, "post now");
            before.Time.Advance(TimeSpan.FromMinutes(1));
        }
        var last = before.Outbound.Views<ChatView.RoundQuestion>().Select(v => v.View).Last();
        Assert.Equal(ids[^1], last.Question.Id);

        _banks.Edit(questions =>
        {
            BankFolder.Remove(questions, ids[0]);
            BankFolder.Remove(questions, ids[1]);
        });
        var after = Start();

        Assert.True((await AcceptedAsync(after, Bob, last, last.Question.Answer)).Correct);
        await ClosedAsync(after);
        Assert.Equal(ids.Count - 2, after.Outbound.Views<ChatView.RoundClosed>().Count);
        Assert.Equal(2, after.Outbound.Views<ChatView.Text>().Count(t => t.Markup.Contains("withdrawn", StringComparison.Ordinal)));
        Assert.Equal([("Bob", 1)], (await BoardAsync(after)).Rows.Select(r => (r.Name, r.Points)));
        Assert.NotEmpty(Assert.IsType<ChatView.Missed>(Assert.Single((await after.SayAsync(Alice, Room, "missed")).Messages).View).Items);
    }
}

internal static class PostedViewExtensions
{
    // The message id the channel gave the post when it was sent by that host.
    public static string SentAs(this RoundPost post, ChatHost host) =>
        host.Outbound.Calls.Single(c => c.Kind == "post" && c.View is ChatView.RoundQuestion q && q.View.Post.Id == post.Id).MessageId!;
}
