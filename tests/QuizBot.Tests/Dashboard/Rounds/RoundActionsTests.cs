using QuizBot.Chat;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Rounds;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using static QuizBot.Tests.Dashboard.Rounds.RoundsDashboard;

namespace QuizBot.Tests.Dashboard.Rounds;

// Each action does what the chat command does: afterwards chat reports the change.
public sealed class RoundActionsTests : IDisposable
{
    private readonly RoundsDashboard _dash = new();

    public void Dispose() => _dash.Dispose();

    private static DashboardRequest Admin => As(Alice, DashboardRole.Admin);

    private Task<Round?> RoundAsync() => _dash.Chat.Get<IRoundStore>().GetRoundAsync(Room, default);

    [Fact]
    public async Task Pause_and_resume_from_the_dashboard_are_what_chat_then_reports()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");

        var paused = await _dash.RunAsync(RoundsForms.PauseAction, Admin);
        Assert.Equal("Paused. No questions will be posted until an admin types resume. (daily 10:30, UTC)", paused);
        Assert.StartsWith("Paused:", await _dash.SayAsync(Bob, "rounds"), StringComparison.Ordinal);
        Assert.Equal("The round is not running.", await _dash.RunAsync(RoundsForms.PauseAction, Admin));

        var resumed = await _dash.RunAsync(RoundsForms.ResumeAction, Admin);
        Assert.StartsWith("Resumed: daily 10:30 (UTC)", resumed, StringComparison.Ordinal);
        Assert.DoesNotContain('*', resumed);
        Assert.StartsWith("Active:", await _dash.SayAsync(Bob, "rounds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_needs_the_confirmation_box_and_then_ends_the_round_as_chat_would()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");
        var before = await RoundAsync();

        Assert.StartsWith("Nothing was cancelled", await _dash.RunAsync(RoundsForms.CancelAction, Admin), StringComparison.Ordinal);
        Assert.Equal(before, await RoundAsync());

        Assert.StartsWith("Cancelled.", await _dash.RunAsync(RoundsForms.CancelAction, Admin, ("confirm", "yes")), StringComparison.Ordinal);
        Assert.Equal(RoundStatus.Cancelled, (await RoundAsync())!.Status);
        Assert.StartsWith("No round is scheduled here.", await _dash.SayAsync(Bob, "rounds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_form_sets_the_round_chat_then_describes()
    {
        var said = await _dash.RunAsync(RoundsForms.ScheduleAction, Admin, ("when", "weekdays 09:15"), ("tz", "America/New_York"),
            ("window", "90m"), ("questions", "2"), ("weeklyBoard", "true"), ("bank", "model-compression"));

        Assert.StartsWith("Scheduled: weekdays 09:15 (America/New_York)", said, StringComparison.Ordinal);
        var round = (await RoundAsync())!;
        Assert.Equal((TimeSpan.FromMinutes(90), 2, false, true, Alice.Key), (round.Window, round.QuestionsPerPost, round.Repeat, round.WeeklyBoard, round.CreatedBy));
        Assert.Equal("Active: " + said["Scheduled: ".Length..], ViewerTurns.Sentence(ChatReply.Text(await _dash.SayAsync(Bob, "rounds")), ""));
    }

    [Fact]
    public async Task An_invalid_schedule_answers_with_the_parsers_sentence_and_changes_nothing()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC window 2h");
        var before = await RoundAsync();

        var said = await _dash.RunAsync(RoundsForms.ScheduleAction, Admin, ("when", "daily 25:00"), ("tz", "UTC"));
        Assert.Equal("'25:00' is not a time of day; use 24-hour HH:MM such as 09:30.", said);
        Assert.StartsWith("'Mars/Olympus' is not a time zone I know.",
            await _dash.RunAsync(RoundsForms.ScheduleAction, Admin, ("when", "daily 09:00"), ("tz", "Mars/Olympus")), StringComparison.Ordinal);
        Assert.StartsWith("The form needs a schedule", await _dash.RunAsync(RoundsForms.ScheduleAction, Admin, ("tz", "UTC")), StringComparison.Ordinal);

        Assert.Equal(before, await RoundAsync());
    }

    [Fact]
    public async Task Posting_now_twice_with_the_same_nonce_posts_one_question()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");
        var nonce = new string('a', 32);

        Assert.Equal("Posted the next question.", await _dash.RunAsync(RoundsForms.PostNowAction, Admin, ("nonce", nonce)));
        Assert.Equal("That question is already posted.", await _dash.RunAsync(RoundsForms.PostNowAction, Admin, ("nonce", nonce)));
        var question = Assert.Single(_dash.Chat.Outbound.Views<ChatView.RoundQuestion>());
        Assert.Equal(1, (await RoundAsync())!.Cursor);

        // Another form (a reload) is another post.
        Assert.Equal("Posted the next question.", await _dash.RunAsync(RoundsForms.PostNowAction, Admin, ("nonce", new string('b', 32))));
        Assert.Equal(2, _dash.Chat.Outbound.Views<ChatView.RoundQuestion>().Count);
        Assert.NotEqual(question.View.Post.Id, _dash.Chat.Outbound.Views<ChatView.RoundQuestion>()[1].View.Post.Id);

        Assert.StartsWith("Nothing was posted", await _dash.RunAsync(RoundsForms.PostNowAction, Admin), StringComparison.Ordinal);
        Assert.StartsWith("Nothing was posted", await _dash.RunAsync(RoundsForms.PostNowAction, Admin, ("nonce", "x")), StringComparison.Ordinal);
        Assert.Equal(2, _dash.Chat.Outbound.Views<ChatView.RoundQuestion>().Count);
    }

    [Fact]
    public async Task Post_now_without_a_round_says_what_chat_says()
    {
        var said = await _dash.RunAsync(RoundsForms.PostNowAction, Admin, ("nonce", new string('c', 32)));

        Assert.Equal("There is nothing to post: schedule a round first (schedule daily 09:00 UTC), or every question has been posted.", said);
        Assert.Empty(_dash.Chat.Outbound.Calls);
    }

    [Fact]
    public async Task Someone_chat_would_refuse_is_refused_with_chats_sentence_and_nothing_changes()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");
        var before = await RoundAsync();

        // Bob is no admin here; the endpoint would not even run the action, and chat's own check stands behind it.
        Assert.Equal("Sorry, only a QuizBot admin can do that here. Ask an admin to run admin add @you.",
            await _dash.RunAsync(RoundsForms.PauseAction, As(Bob, DashboardRole.Manager)));
        Assert.Equal(before, await RoundAsync());
    }

    [Fact]
    public async Task A_person_the_store_makes_admin_acts_as_they_would_in_chat()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");
        await _dash.SayAsync(Alice, "admin add @Bob", Bob);

        Assert.StartsWith("Paused.", await _dash.RunAsync(RoundsForms.PauseAction, As(Bob, DashboardRole.Admin)), StringComparison.Ordinal);
        Assert.Equal(RoundStatus.Paused, (await RoundAsync())!.Status);
    }
}
