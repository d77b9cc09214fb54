using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Rounds;

// The scheduler's decisions on a fake clock: which slots post, when, and exactly once.
public sealed class SchedulerTests : IDisposable
{
    private static readonly BankCatalog Banks = BankCatalog.LoadDirectory(Repo.Path("banks"));
    private static readonly Participant Admin = new("msteams:29:alice", "Alice");
    private const string Conversation = "msteams:19:quiz@thread.tacv2";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed record Engine(IQuizStore Store, RoundAdmin Admin, RoundRunner Runner);

    private Engine Start(TimeProvider time)
    {
        var store = new SqliteQuizStore(_dir.File("quizbot.db"));
        var boards = new Leaderboards(store, store, Banks, time);
        return new Engine(store,
            new RoundAdmin(store, store, Banks, new Admins(store, Options.Create(new QuizBotOptions())), time),
            new RoundRunner(store, Banks, boards, NullLogger<RoundRunner>.Instance));
    }

    // Ticks every `step` from the clock's time until `until`, as the hosted service would; returns every slot posted.
    private static async Task<List<DateTimeOffset>> RunAsync(FakeTimeProvider time, Engine engine, DateTimeOffset until, TimeSpan step)
    {
        var posted = new List<DateTimeOffset>();
        while (time.GetUtcNow() < until)
        {
            time.Advance(step);
            foreach (var work in await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default))
            {
                var post = ((DueWork.PostQuestion)work).View.Post;
                posted.Add(post.SlotAt);
                await engine.Runner.PostedAsync(post.Id, "m", time.GetUtcNow(), default);
            }
        }
        return posted;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static string Local(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("ddd dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_daily_round_posts_once_a_day_at_the_local_time()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 29, 12));
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "daily 09:00 Europe/Berlin", default);

        var posted = await RunAsync(time, engine, Utc(2026, 12, 2, 12), TimeSpan.FromMinutes(5));

        Assert.Equal(["Mon 30 09:00", "Tue 01 09:00", "Wed 02 09:00"], posted.Select(p => Local(p, "Europe/Berlin")));
    }

    [Fact]
    public async Task A_weekday_round_skips_the_weekend()
    {
        var time = new FakeTimeProvider(Utc(2026, 12, 3, 0)); // Thursday
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "weekdays 09:30 America/New_York", default);

        var posted = await RunAsync(time, engine, Utc(2026, 12, 9, 0), TimeSpan.FromMinutes(10));

        Assert.Equal(["Thu 03 09:30", "Fri 04 09:30", "Mon 07 09:30", "Tue 08 09:30"], posted.Select(p => Local(p, "America/New_York")));
    }

    [Fact]
    public async Task Spring_forward_neither_skips_nor_doubles_a_post()
    {
        // Berlin jumps from 02:00 to 03:00 on Sunday 28 March 2027: 02:30 does not exist that day.
        var time = new FakeTimeProvider(Utc(2027, 3, 26, 12));
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "daily 02:30 Europe/Berlin window 1h", default);

        var posted = await RunAsync(time, engine, Utc(2027, 3, 30, 12), TimeSpan.FromMinutes(5));

        Assert.Equal(["Sat 27 02:30", "Sun 28 03:00", "Mon 29 02:30", "Tue 30 02:30"], posted.Select(p => Local(p, "Europe/Berlin")));
    }

    [Fact]
    public async Task Fall_back_neither_skips_nor_doubles_a_post()
    {
        // Berlin goes back from 03:00 to 02:00 on Sunday 25 October 2026: 02:30 happens twice that day.
        var time = new FakeTimeProvider(Utc(2026, 10, 23, 12));
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "daily 02:30 Europe/Berlin window 30m", default);

        var posted = await RunAsync(time, engine, Utc(2026, 10, 27, 12), TimeSpan.FromMinutes(5));

        Assert.Equal(["Sat 24 02:30", "Sun 25 02:30", "Mon 26 02:30", "Tue 27 02:30"], posted.Select(p => Local(p, "Europe/Berlin")));
        Assert.Equal(posted.Count, posted.Distinct().Count());
    }

    [Fact]
    public async Task After_downtime_a_slot_still_open_is_posted_late_and_passed_slots_are_skipped()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 30, 8));
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "daily 09:00 UTC window 2h", default);

        // Down from Monday 08:00 until Wednesday 10:00: Monday and Tuesday have closed, Wednesday is still open.
        time.SetUtcNow(Utc(2026, 12, 2, 10));
        var work = await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default);
        var post = Assert.IsType<DueWork.PostQuestion>(Assert.Single(work)).View.Post;
        Assert.Equal(Utc(2026, 12, 2, 9), post.SlotAt);
        Assert.Equal(Utc(2026, 12, 2, 11), post.ClosesAt);
        Assert.Equal(Banks.All.Single().Questions[0].Id, post.Question.Id); // skipped slots do not use up questions

        // Down again past Thursday's whole window: nothing is posted late, and Friday goes ahead as usual.
        time.SetUtcNow(Utc(2026, 12, 3, 11, 30));
        Assert.Empty(await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default));
        Assert.Equal(Utc(2026, 12, 4, 9), (await engine.Store.GetRoundAsync(Conversation, default))!.NextDueAt);
        Assert.Empty(await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default));
    }

    [Fact]
    public async Task Two_scheduler_instances_on_one_store_post_each_slot_exactly_once()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 29, 12));
        var a = Start(time);
        var b = Start(time); // a second process: its own store object on the same database file
        await a.Admin.ScheduleAsync(Admin, Conversation, "cron \"*/10 * * * *\" UTC window 10m", default);

        var claimed = new List<RoundPost>();
        for (var slot = 0; slot < 30; slot++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            var both = await Task.WhenAll(
                Task.Run(() => a.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default)),
                Task.Run(() => b.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-b", Lease, default)));
            claimed.AddRange(both.SelectMany(w => w).Cast<DueWork.PostQuestion>().Select(w => w.View.Post));
        }

        Assert.Equal(30, claimed.Count);
        Assert.Equal(30, claimed.Select(p => p.SlotAt).Distinct().Count());
        var bank = Banks.All.Single();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => bank.Questions[i % 10].Id), claimed.OrderBy(p => p.SlotAt).Select(p => p.Question.Id));
    }

    [Fact]
    public async Task A_round_with_a_weekly_board_posts_last_weeks_final_board_once_when_the_week_ends()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 29, 12)); // Sunday, ISO week 48
        var engine = Start(time);
        await engine.Admin.ScheduleAsync(Admin, Conversation, "daily 09:00 Europe/Berlin weekly-board", default);

        time.SetUtcNow(Utc(2026, 11, 29, 22, 59)); // Sunday 23:59 in Berlin: the week is not over
        Assert.Empty(await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default));
        time.SetUtcNow(Utc(2026, 11, 29, 23, 0)); // Monday 00:00 in Berlin
        var board = Assert.IsType<DueWork.PostBoard>(Assert.Single(await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default)));
        Assert.Equal("2026-W48", board.Board.PeriodLabel);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await engine.Runner.ClaimDueAsync(time.GetUtcNow(), "instance-a", Lease, default));
    }
}
