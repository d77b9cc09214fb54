using QuizBot.Bench;

namespace QuizBot.Tests.Dashboard.Charts;

// The dashboard benchmark's --smoke mode, in-process like the others in tests/QuizBot.Tests/Bench: correctness only.
public sealed class DashboardBenchSmokeTests
{
    [Fact]
    public async Task The_dashboard_seeding_shortcut_gives_the_same_pages_as_closing_posts_and_the_charts_count_every_answer()
    {
        using var log = new StringWriter();
        var line = BenchLine.Parse((await BenchMain.RunAsync(BenchOptions.Parse(["dashboard", "--smoke"]), log, CancellationToken.None)).ToString());

        Assert.Equal("real", line["seed"]);
        Assert.Equal("yes", line["equivalent"]);
        // 30 days fit in the 12-week chart: every answer seeded is on it, and 52 weeks are 364 days and 52 weeks of points.
        Assert.Equal(line.Number("answers"), line.Number("charted_answers"));
        Assert.True(line.Number("answers") > 0 && line.Number("active_last_week") > 0, line.ToString());
        Assert.Equal(364 + 52, line.Number("points52"));
        Assert.True(line.Number("p95_ms") >= line.Number("participation12_p50_ms"), line.ToString());
    }

    [Fact]
    public void The_dashboard_benchmark_takes_a_number_of_days()
    {
        Assert.Equal(30, BenchOptions.Parse(["dashboard", "--days", "30"]).Days);
        Assert.Equal(365, BenchOptions.Parse(["dashboard"]).Days);
    }
}
