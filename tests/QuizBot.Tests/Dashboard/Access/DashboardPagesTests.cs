using System.Net;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Dashboard.Access;

public sealed class DashboardPagesTests : IAsyncLifetime
{
    private static readonly Participant Ada = DashboardSite.Person("29:ada", "Ada");
    private static readonly Participant Bob = DashboardSite.Person("29:bob", "=HYPERLINK(\"x\") <b>Bob</b>");
    private static readonly Participant Cy = DashboardSite.Person("29:cy", "Cy, \"the\" tester");
    private static readonly Participant Mia = DashboardSite.Person("29:mia", "Mia");
    private readonly DashboardSite _site = new();
    private static readonly string Conv = Uri.EscapeDataString(DashboardSite.Conversation);

    public async Task InitializeAsync() =>
        await _site.SeedAsync(DashboardSite.Conversation,
            [(Ada, true), (Bob, false), (Cy, true)],
            [(Ada, true), (Bob, true)],
            [(Ada, false), (Cy, true)]);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("week")]
    [InlineData("month")]
    [InlineData("all")]
    public async Task A_managers_board_equals_the_chat_board_and_its_csv_equals_the_board(string span)
    {
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        using var client = await _site.SignInAsync(Mia);

        var page = await client.GetAsync($"/dashboard/c/{Conv}/board?span={span}");
        var chat = await _site.App.Get<Leaderboards>().BoardAsync(DashboardSite.Conversation, span, null, default);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Table("board");
        Assert.Equal(chat.Rows.Select(r => new[] { $"{r.Rank}", r.Name, $"{r.Points}", $"{r.Correct}", $"{r.AccuracyPercent}%", $"{r.Streak}" }), rows);
        Assert.Equal(3, rows.Count);
        // Names are text, never markup.
        Assert.Contains("&lt;b&gt;Bob&lt;/b&gt;", page.Body, StringComparison.Ordinal);

        var csv = await client.GetAsync($"/dashboard/c/{Conv}/export/board.csv?span={span}");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.StartsWith("attachment;", csv.Headers["Content-Disposition"], StringComparison.Ordinal);
        Assert.Equal(["Rank,Name,Points,Correct,Accuracy,Streak", .. rows.Select(r => string.Join(",", r.Select(QuizBot.Dashboard.Csv.Field)))],
            csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\") <b>Bob</b>\"", csv.Body, StringComparison.Ordinal);
        Assert.Contains("\"Cy, \"\"the\"\" tester\"", csv.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answers_csv_lists_each_answer_behind_the_board()
    {
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        using var client = await _site.SignInAsync(Mia);

        var csv = await client.GetAsync($"/dashboard/c/{Conv}/export/answers.csv?span=week");

        var lines = csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Post,Question,Person,Choice,Right,When", lines[0]);
        Assert.Equal(7, lines.Length - 1);
        Assert.Equal(5, lines.Count(l => l.Contains(",yes,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_member_sees_only_their_own_history_and_not_the_board()
    {
        using var client = await _site.SignInAsync(Ada);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/dashboard/c/{Conv}/board")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/dashboard/c/{Conv}/export/board.csv")).Status);
        var history = await client.GetAsync($"/dashboard/c/{Conv}/history?user={Uri.EscapeDataString(Bob.Key)}");

        Assert.Equal(HttpStatusCode.OK, history.Status);
        var rows = history.Table("history");
        Assert.Equal(["wrong", "right", "right"], rows.Select(r => r[2]));
        Assert.DoesNotContain("Bob", history.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Leaderboard", history.Body, StringComparison.Ordinal); // not in the navigation either
    }

    [Fact]
    public async Task A_manager_may_read_a_team_members_history()
    {
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        using var client = await _site.SignInAsync(Mia);

        var history = await client.GetAsync($"/dashboard/c/{Conv}/history?user={Uri.EscapeDataString(Cy.Key)}");

        Assert.Equal(["right", "right"], history.Table("history").Select(r => r[2]));
    }

    [Fact]
    public async Task Another_conversations_pages_are_not_found()
    {
        await _site.SeedAsync(DashboardSite.Other, [(Bob, true)]);
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        using var client = await _site.SignInAsync(Mia);
        var other = Uri.EscapeDataString(DashboardSite.Other);

        foreach (var url in new[] { $"/dashboard/c/{other}/board", $"/dashboard/c/{other}/history", $"/dashboard/c/{other}",
            $"/dashboard/c/{other}/export/answers.csv", $"/dashboard/c/{Conv}/no-such-page" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Bob", page.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manager_removed_in_chat_loses_the_board_at_once()
    {
        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, true, default);
        using var client = await _site.SignInAsync(Mia);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/dashboard/c/{Conv}/board")).Status);

        await _site.Store.SetManagerAsync(DashboardSite.Conversation, Mia.Key, false, default);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/dashboard/c/{Conv}/board")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/dashboard/c/{Conv}/history")).Status);
    }

    [Fact]
    public async Task Every_dashboard_response_carries_the_security_headers()
    {
        using var client = await _site.SignInAsync(Ada);

        foreach (var url in new[] { $"/dashboard/c/{Conv}/history", $"/dashboard/c/{Conv}/board", "/dashboard", "/dashboard/dashboard.css" })
        {
            var page = await client.GetAsync(url);
            Assert.StartsWith("default-src 'none'; style-src 'self';", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
            Assert.Equal("nosniff", page.Headers["X-Content-Type-Options"]);
            Assert.Equal("no-referrer", page.Headers["Referrer-Policy"]);
            Assert.Equal("no-store", page.Headers["Cache-Control"]);
            Assert.False(page.Headers.ContainsKey("X-Frame-Options"));
        }
    }

    [Fact]
    public async Task The_home_lists_the_conversations_of_the_session_and_of_grants()
    {
        await _site.Store.SetManagerAsync(DashboardSite.Other, Ada.Key, true, default);
        using var client = await _site.SignInAsync(Ada);

        var home = await client.GetAsync("/dashboard");

        Assert.Contains(DashboardSite.Conversation, home.Body, StringComparison.Ordinal);
        Assert.Contains(DashboardSite.Other, home.Body, StringComparison.Ordinal);
        var open = await client.GetAsync($"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Other)}");
        Assert.Equal($"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Other)}/board", open.Location);
    }
}
