using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

// Reports of a problem with a question: one per person and question in a conversation, listed while open, decided once.
public abstract partial class QuizStoreContract
{
    private static DisputeReport Report(string user, string question = "q1", string conversation = "c1", int minutes = 0) =>
        new(conversation, "bank|1", question, user, "Name " + user, DisputeReason.WrongAnswer, "B is right, see the docs", "post-1", null,
            T0.AddMinutes(minutes));

    [Fact]
    public async Task A_second_report_by_the_same_person_on_the_same_question_is_refused_and_the_first_kept()
    {
        Assert.True((await Store.AddDisputeAsync(Report("ann"), None)).Inserted);

        var again = await Store.AddDisputeAsync(Report("ann") with { Reason = DisputeReason.Typo, Text = "changed my mind" }, None);

        Assert.False(again.Inserted);
        Assert.Equal(Report("ann"), again.Existing);
        Assert.Equal([Report("ann")], await Store.GetOpenDisputesAsync("c1", 10, None));
        // Another question, another person or another conversation is a report of its own.
        Assert.True((await Store.AddDisputeAsync(Report("ann", "q2"), None)).Inserted);
        Assert.True((await Store.AddDisputeAsync(Report("bob"), None)).Inserted);
        Assert.True((await Store.AddDisputeAsync(Report("ann", conversation: "c2"), None)).Inserted);
    }

    [Fact]
    public async Task Open_reports_are_listed_per_conversation_oldest_first_with_everything_they_name()
    {
        var session = Report("cat", "q2", minutes: 2) with { PostId = null, SessionId = "session-9", Reason = DisputeReason.Other, Text = "" };
        await Store.AddDisputeAsync(Report("bob", minutes: 1), None);
        await Store.AddDisputeAsync(session, None);
        await Store.AddDisputeAsync(Report("ann"), None);
        await Store.AddDisputeAsync(Report("dan", conversation: "c2"), None);

        Assert.Equal([Report("ann"), Report("bob", minutes: 1), session], await Store.GetOpenDisputesAsync("c1", 10, None));
        Assert.Equal([Report("ann"), Report("bob", minutes: 1)], await Store.GetOpenDisputesAsync("c1", 2, None));
        Assert.Empty(await Store.GetOpenDisputesAsync("c3", 10, None));
    }

    [Fact]
    public async Task Deciding_a_question_decides_its_open_reports_once_and_leaves_the_others_open()
    {
        await Store.AddDisputeAsync(Report("ann"), None);
        await Store.AddDisputeAsync(Report("bob", minutes: 1), None);
        await Store.AddDisputeAsync(Report("cat", "q2"), None);
        var decision = new DisputeDecision(DisputeVerdict.NewAnswer, 2, "admin", T0.AddHours(1));

        var decided = await Store.ResolveDisputesAsync("c1", "bank|1", "q1", decision, None);
        var twice = await Store.ResolveDisputesAsync("c1", "bank|1", "q1", decision with { Verdict = DisputeVerdict.Dismissed, NewAnswer = null }, None);

        Assert.Equal([Report("ann") with { Decision = decision }, Report("bob", minutes: 1) with { Decision = decision }], decided);
        Assert.Empty(twice);
        Assert.Equal(decided, await Store.GetDisputesAsync("c1", "bank|1", "q1", None));
        Assert.Equal([Report("cat", "q2")], await Store.GetOpenDisputesAsync("c1", 10, None));
        // A report after the decision is open again: it is about the question as it is now.
        await Store.AddDisputeAsync(Report("dan", minutes: 3), None);
        Assert.Equal(["cat", "dan"], (await Store.GetOpenDisputesAsync("c1", 10, None)).Select(r => r.UserKey));
    }

    [Fact]
    public async Task Two_decisions_at_once_decide_each_report_exactly_once()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.AddDisputeAsync(Report("user" + i, minutes: i), None);
        }
        var decisions = Enumerable.Range(0, 4).Select(i => new DisputeDecision(DisputeVerdict.Void, null, "admin" + i, T0.AddHours(1))).ToList();

        var results = await Task.WhenAll(decisions.Select(d => Store.ResolveDisputesAsync("c1", "bank|1", "q1", d, None)));

        Assert.Equal(6, results.Sum(r => r.Count));
        Assert.Equal(6, results.SelectMany(r => r).Select(r => r.UserKey).Distinct().Count());
        Assert.Empty(await Store.GetOpenDisputesAsync("c1", 10, None));
    }
}
