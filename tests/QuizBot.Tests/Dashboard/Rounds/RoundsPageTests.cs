using QuizBot.Chat;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Rounds;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;
using QuizBot.Tests.Chat;
using static QuizBot.Tests.Dashboard.Rounds.RoundsDashboard;

namespace QuizBot.Tests.Dashboard.Rounds;

public sealed class RoundsPageTests : IDisposable
{
    private readonly RoundsDashboard _dash = new();

    public void Dispose() => _dash.Dispose();

    [Fact]
    public async Task A_running_round_shows_its_schedule_bank_and_next_post_in_its_zone_and_in_utc()
    {
        // The clock reads Monday 30 Nov 2026 08:00 UTC, 09:00 in Berlin.
        await _dash.SayAsync(Alice, "schedule weekdays 10:30 Europe/Berlin window 2h questions 2 weekly-board");

        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager));

        Assert.Contains("<dt>Status</dt><dd>Running</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Schedule</dt><dd>weekdays 10:30</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Time zone</dt><dd>Europe/Berlin</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Bank</dt><dd>Model compression", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<dt>Answers open for</dt><dd>2 hours</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Questions per post</dt><dd>2</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Weekly board</dt><dd>Posted on Mondays</dd>", page, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 10:30 Europe/Berlin</time> (Mon 30 Nov 09:30 UTC)", page, StringComparison.Ordinal);
        Assert.Contains("No question is open for answers.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_round_says_so_and_names_no_next_post()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");
        await _dash.SayAsync(Alice, "pause");

        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager));

        Assert.Contains("<dt>Status</dt><dd><strong>Paused</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Next post</dt><dd>None while paused</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_without_a_round_says_so()
    {
        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager));

        Assert.Contains("No round has been scheduled here.", page, StringComparison.Ordinal);
        Assert.Empty(Rows(page, "open"));
    }

    [Fact]
    public async Task Open_and_closed_posts_are_listed_with_their_answer_counts()
    {
        await _dash.SayAsync(Alice, "schedule daily 23:00 UTC window 2h");
        await _dash.SayAsync(Alice, "post now");
        var question = _dash.Chat.Outbound.Views<ChatView.RoundQuestion>().Single().View;
        await _dash.Chat.ClickAsync(Bob, Room, new CardAction.RoundAnswer(question.Post.Id, 0));
        await _dash.Chat.ClickAsync(Alice, Room, new CardAction.RoundAnswer(question.Post.Id, 1));

        var open = Assert.Single(Rows(await _dash.PageAsync(As(Bob, DashboardRole.Manager)), "open"));
        Assert.Equal(("posted", System.Net.WebUtility.HtmlEncode(question.Question.Text), 2), open);

        _dash.Chat.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await _dash.Chat.TickAsync();

        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager));
        Assert.Empty(Rows(page, "open"));
        Assert.Equal(("closed", System.Net.WebUtility.HtmlEncode(question.Question.Text), 2), Assert.Single(Rows(page, "recent")));
        // The post's times in its round's zone and in UTC: posted at 08:00, closed at 10:00.
        Assert.Contains("Mon 30 Nov 2026 08:00 UTC</time> (Mon 30 Nov 08:00 UTC)", page, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 10:00 UTC</time>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_post_that_could_not_be_sent_is_marked_failed()
    {
        // Scheduled from the dashboard in a conversation chat has never heard from: nowhere to post to.
        var elsewhere = ChatHost.Conversation("room-unheard");
        var said = await _dash.RunAsync(RoundsForms.ScheduleAction, As(Alice, DashboardRole.Admin, elsewhere),
            ("when", "daily 08:30"), ("tz", "UTC"), ("repeat", "true"));
        Assert.StartsWith("Scheduled:", said, StringComparison.Ordinal);

        _dash.Chat.Time.Advance(TimeSpan.FromMinutes(31));
        await _dash.Chat.TickAsync();

        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager, elsewhere));
        var (state, _, answers) = Assert.Single(Rows(page, "recent"));
        Assert.Equal(("failed", 0), (state, answers));
        Assert.Contains("<strong>Failed</strong>", page, StringComparison.Ordinal);
        Assert.Equal(PostState.Failed, (await _dash.Chat.Get<IRoundStore>().GetPostAsync(
            RoundPost.IdFor(elsewhere, new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero), 0), default))!.State);
    }

    [Fact]
    public async Task A_scheduled_post_made_void_is_marked_void_and_not_open()
    {
        await _dash.SayAsync(Alice, "schedule daily 08:30 UTC window 1h");
        _dash.Chat.Time.Advance(TimeSpan.FromMinutes(31));
        await _dash.Chat.TickAsync();
        var post = _dash.Chat.Outbound.Views<ChatView.RoundQuestion>().Single().View.Post;
        Assert.Single(Rows(await _dash.PageAsync(As(Bob, DashboardRole.Manager)), "open"));

        // What the engine does when the post's question is withdrawn from its bank while answers are open.
        await _dash.Chat.Get<IRoundStore>().VoidPostAsync(post.Id, default);

        var page = await _dash.PageAsync(As(Bob, DashboardRole.Manager));
        Assert.Empty(Rows(page, "open"));
        Assert.Equal("void", Assert.Single(Rows(page, "recent")).State);
        Assert.Contains("<strong>Void</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_every_form_with_the_antiforgery_field_and_a_manager_sees_none()
    {
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC");

        var admin = await _dash.PageAsync(As(Alice, DashboardRole.Admin));
        var forms = Count(admin, "<form ");
        Assert.Equal(5, forms); // pause, post now, cancel, schedule, import
        Assert.Equal(forms, Count(admin, "<form method=\"post\" action=\"/dashboard/c/test%3Aroom-1/do/"));
        Assert.Equal(forms, Count(admin, Antiforgery));
        Assert.Equal(forms, Count(admin, "<input type=\"hidden\" name=\"return\" value=\"rounds\">"));
        Assert.Contains("enctype=\"multipart/form-data\"", admin, StringComparison.Ordinal);
        Assert.Contains("type=\"file\" id=\"bank-file\" name=\"bank\"", admin, StringComparison.Ordinal);
        Assert.Contains("name=\"confirm\" value=\"yes\" required", admin, StringComparison.Ordinal);
        Assert.Matches("name=\"nonce\" value=\"[0-9a-f]{32}\"", admin);
        // The schedule form starts from the round as it is, and every input has a label.
        Assert.Contains("name=\"when\" value=\"daily 10:30\"", admin, StringComparison.Ordinal);
        Assert.Equal(Count(admin, "<input type=\"text\"") + Count(admin, "<input type=\"number\"") + Count(admin, "<input type=\"checkbox\"")
            + Count(admin, "<input type=\"file\"") + Count(admin, "<select"), Count(admin, "<label for="));

        var manager = await _dash.PageAsync(As(Bob, DashboardRole.Manager));
        Assert.DoesNotContain("<form", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", manager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bank_titles_and_question_texts_from_files_are_encoded()
    {
        var title = "<script>alert(1)</script> & \"Quotes\"";
        var said = await _dash.RunAsync(RoundsForms.ImportAction, As(Alice, DashboardRole.Admin) with
        {
            Files = new Dictionary<string, DashboardUpload> { ["bank"] = new("evil.json", EvilBank(title)) },
        });
        Assert.StartsWith("Imported <script>alert(1)</script> & \"Quotes\" (evil) version 1", said, StringComparison.Ordinal);
        await _dash.SayAsync(Alice, "schedule daily 10:30 UTC bank evil");
        await _dash.SayAsync(Alice, "post now");

        var page = await _dash.PageAsync(As(Alice, DashboardRole.Admin));

        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Equal("Which &lt;b&gt;planet&lt;/b&gt; is red?", Assert.Single(Rows(page, "open")).Question);
        Assert.Contains("<dd>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; (<code>evil</code>)</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"evil\" selected>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; (evil)</option>", page, StringComparison.Ordinal);
    }

    // A bank whose title and first question hold HTML, as a file anyone could write.
    private static byte[] EvilBank(string title) => System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
    {
        ["formatVersion"] = 1,
        ["id"] = "evil",
        ["title"] = title,
        ["questions"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = "red", ["text"] = "Which <b>planet</b> is red?", ["choices"] = new System.Text.Json.Nodes.JsonArray("Venus", "Mars"), ["answer"] = 1,
            },
            new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = "big", ["text"] = "Which is larger?", ["choices"] = new System.Text.Json.Nodes.JsonArray("Earth", "Jupiter"), ["answer"] = 1,
            }),
    }.ToJsonString());
}
