using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// Two service instances (each its own store client and scheduler engine) sharing one Azure Table Storage account
// (Azurite): every slot is posted by exactly one of them, and answers through both count once.
[Collection(AzuriteCollection.Name)]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TwoInstancesOnTablesTests(Azurite azurite)
{
    private static readonly BankCatalog Banks = BankCatalog.LoadDirectory(Repo.Path("banks"));
    private const string Conversation = "msteams:19:two-instances@thread.tacv2";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static (RoundAdmin Admin, RoundRunner Runner, RoundAnswers Answers) Engine(IQuizStore store, TimeProvider time) =>
        (new RoundAdmin(store, store, Banks, new Admins(store, Options.Create(new QuizBotOptions())), time),
         new RoundRunner(store, Banks, new Leaderboards(store, store, Banks, time), NullLogger<RoundRunner>.Instance),
         new RoundAnswers(store, Banks, time));

    [Fact]
    public async Task Each_scheduled_post_is_claimed_by_exactly_one_instance_and_answers_through_both_count_once()
    {
        var prefix = TableStores.NewPrefix();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var a = Engine(await TableStores.CreateAsync(TableStores.Options(azurite, prefix)), time);
        var b = Engine(await TableStores.CreateAsync(TableStores.Options(azurite, prefix)), time);
        await a.Admin.ScheduleAsync(new Participant("msteams:29:alice", "Alice"), Conversation, "cron \"*/10 * * * *\" UTC window 10m", default);

        var claimed = new List<RoundPost>();
        for (var slot = 0; slot < 6; slot++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            var both = await Task.WhenAll(
                Task.Run(() => a.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default)),
                Task.Run(() => b.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-b", Lease, default)));
            claimed.AddRange(both.SelectMany(w => w).Cast<DueWork.PostQuestion>().Select(w => w.View.Post));
        }
        Assert.Equal(6, claimed.Count);
        Assert.Equal(6, claimed.Select(p => p.SlotAt).Distinct().Count());

        // The latest post is open: 40 people answer, each through both instances at once with different choices
        // (a double click landing on two instances); whichever lands first stands.
        var post = claimed.OrderBy(p => p.SlotAt).Last();
        await a.Runner.PostedAsync(post.Id, "message-1", time.GetUtcNow(), default);
        var clicks = Enumerable.Range(0, 40).SelectMany(i => new[] { (a, i % 4), (b, (i + 1) % 4) }.Select(click =>
            Task.Run(() => click.Item1.Answers.AnswerAsync(new Participant($"msteams:29:p{i}", $"P{i}"), Conversation, post.Id, click.Item2, default))));
        var outcomes = await Task.WhenAll(clicks);

        Assert.Equal(40, outcomes.Count(o => o is RoundAnswerOutcome.Accepted));
        Assert.Equal(40, outcomes.Count(o => o is RoundAnswerOutcome.AlreadyAnswered));
        var stored = await (await TableStores.CreateAsync(TableStores.Options(azurite, prefix))).GetPostAnswersAsync(post.Id, default);
        Assert.Equal(40, stored.Select(s => s.UserKey).Distinct().Count());
        Assert.Equal(40, stored.Count);

        time.Advance(TimeSpan.FromMinutes(10));
        var closes = await Task.WhenAll(a.Answers.CloseAsync(post, default), b.Answers.CloseAsync(post, default));
        var closed = Assert.IsType<PostClose.Closed>(closes.First(c => c is not null)).View;
        Assert.Equal(40, closed.Tally.Sum());
        var third = await TableStores.CreateAsync(TableStores.Options(azurite, prefix));
        var board = await new Leaderboards(third, third, Banks, time)
            .BoardAsync(Conversation, "all", new Participant("msteams:29:p0", "P0"), default);
        Assert.Equal(40, board.Members);
        Assert.Equal(Math.Min(10, stored.Count(s => s.Correct)), board.Rows.Sum(r => r.Points));
        Assert.Equal(closed.Tally[closed.Question.Answer], stored.Count(s => s.Correct));
    }
}
