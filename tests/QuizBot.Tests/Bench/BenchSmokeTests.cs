using QuizBot.Bench;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Bench;

// Each benchmark's --smoke mode, run in-process: small, and about correctness only (nothing here looks at speed).
public sealed class BenchSmokeTests
{
    private static async Task<BenchLine> RunAsync(params string[] args)
    {
        using var log = new StringWriter();
        var line = await BenchMain.RunAsync(BenchOptions.Parse([.. args, "--smoke"]), log, CancellationToken.None);
        // What a script would read: the printed line parses back to the same pairs.
        var parsed = BenchLine.Parse(line.ToString());
        Assert.Equal(line.Keys, parsed.Keys);
        return parsed;
    }

    [Fact]
    public async Task The_answers_burst_stores_every_accepted_answer_exactly_once_without_errors()
    {
        var line = await RunAsync("answers");

        Assert.Equal(0, line.Number("errors"));
        Assert.True(line.Number("expected") > 200, line.ToString());
        Assert.Equal(line.Number("expected"), line.Number("stored"));
        Assert.Equal("yes", line["exact"]);
        Assert.True(line.Number("answers/s") > 0 && line.Number("floor/s") > 0, line.ToString());
    }

    [Fact]
    public async Task The_import_reads_every_generated_GIFT_question_and_CSV_row_and_skips_only_what_it_must()
    {
        var line = await RunAsync("import");

        Assert.Equal(200, line.Number("questions"));
        Assert.Equal(200, line.Number("gift_read"));
        Assert.Equal(0, line.Number("gift_skipped"));
        Assert.Equal(200, line.Number("csv_read"));
        Assert.Equal(0, line.Number("csv_skipped"));
        Assert.True(line.Number("gift_alloc_mb") > 0 && line.Number("csv_peak_mb") > 0, line.ToString());
    }

    [Fact]
    public async Task The_fanout_posts_one_question_to_every_conversation_with_none_lost_or_doubled()
    {
        var line = await RunAsync("fanout", "--conversations", "20");

        Assert.Equal(20, line.Number("conversations"));
        Assert.Equal(0, line.Number("lost"));
        Assert.Equal(0, line.Number("duplicates"));
        Assert.Equal(0, line.Number("failed"));
        Assert.Equal(0.4, line.Number("bound_s"), 3);
    }

    [Fact]
    public async Task The_slack_click_burst_stores_every_click_once_and_sends_each_clicker_exactly_one_verdict()
    {
        var line = await RunAsync("slack-answers");

        Assert.Equal(0, line.Number("errors"));
        // 2 warm-up + 10 measured clicks, and the one that gave the floor its bytes.
        Assert.Equal(13, line.Number("expected"));
        Assert.Equal(line.Number("expected"), line.Number("stored"));
        Assert.Equal(line.Number("expected"), line.Number("verdicts"));
        Assert.Equal("yes", line["verdicts_complete"]);
        Assert.Equal(0, line.Number("doubled"));
        Assert.Equal(0, line.Number("strays"));
        Assert.Equal("yes", line["exact"]);
    }

    [Fact]
    public async Task The_slack_fanout_posts_one_question_to_every_channel_with_none_lost_or_doubled()
    {
        var line = await RunAsync("slack-fanout", "--conversations", "20");

        Assert.Equal(20, line.Number("channels"));
        Assert.Equal(0, line.Number("lost"));
        Assert.Equal(0, line.Number("duplicates"));
        Assert.Equal(0, line.Number("failed"));
        // One post per channel: nothing for the per-channel limit to refuse, and no retry posted anything twice.
        Assert.Equal(0, line.Number("throttled"));
        Assert.Equal(20, line.Number("post_calls"));
    }

    [Fact]
    public async Task The_leaderboard_seeding_shortcut_gives_the_same_boards_as_closing_posts_and_the_board_is_right()
    {
        var line = await RunAsync("leaderboard");

        Assert.Equal("real", line["seed"]);
        Assert.Equal("yes", line["equivalent"]);
        Assert.Equal(line.Number("expected_top_points"), line.Number("top_points"));
        Assert.Equal(line.Number("members"), line.Number("board_members"));
        Assert.True(line.Number("p95_ms") >= line.Number("p50_ms"), line.ToString());
    }

    [Fact]
    public async Task Voiding_a_post_in_the_refold_bench_leaves_the_boards_of_a_run_without_it_and_undoing_it_the_original_ones()
    {
        var line = await RunAsync("refold");

        Assert.Equal("yes", line["equivalent"]);
        Assert.Equal(40, line.Number("members"));
        Assert.True(line.Number("void_median_s") > 0, line.ToString());
    }

    [Fact]
    [Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
    public async Task Voiding_a_post_in_the_refold_bench_on_azure_tables_leaves_the_boards_of_a_run_without_it()
    {
        var line = await RunAsync("refold", "--store", "tables");

        Assert.Equal("yes", line["equivalent"]);
    }

    [Fact]
    public async Task Every_micro_benchmark_runs_once_and_returns_a_result()
    {
        var line = await RunAsync("micro");

        Assert.Equal(6, line.Number("benchmarks"));
        Assert.Equal(line.Number("benchmarks"), line.Number("ok"));
    }

    [Theory]
    [InlineData("answers/s=5210 floor/s=9800 ratio=0.53 p50_ms=3.1 p99_ms=14.2 errors=0 stored=52100 expected=52100 peak_mb=180")]
    public void The_result_line_in_the_issue_parses(string text)
    {
        var line = BenchLine.Parse(text);

        Assert.Equal(52100, line.Number("stored"));
        Assert.Equal(0.53, line.Number("ratio"));
        Assert.Equal(text, line.ToString());
    }

    [Theory]
    [InlineData("usage:", "nosuch")]
    [InlineData("not a positive number", "answers", "--connections", "0")]
    [InlineData("Unknown option --frobnicate", "answers", "--frobnicate")]
    [InlineData("needs a value", "fanout", "--conversations")]
    [InlineData("needs a value", "slack-answers", "--wait")]
    public void Bad_command_lines_are_refused_with_what_is_wrong(string expected, params string[] args)
    {
        var e = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(args));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warm_up_is_a_fifth_of_the_run_between_1_and_3_s_unless_given()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), BenchOptions.Parse(["answers", "--seconds", "10"]).Warmup);
        Assert.Equal(TimeSpan.FromSeconds(3), BenchOptions.Parse(["answers", "--seconds", "60"]).Warmup);
        Assert.Equal(TimeSpan.FromSeconds(40), BenchOptions.Parse(["answers", "--seconds", "10", "--warmup", "40"]).Warmup);
        Assert.Equal(10, BenchOptions.Parse(["answers", "--seconds", "10"]).Slices);
    }

    [Fact]
    [Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
    public async Task The_answers_burst_on_azure_tables_stores_every_accepted_answer_exactly_once()
    {
        var line = await RunAsync("answers", "--store", "tables");

        Assert.Equal(0, line.Number("errors"));
        Assert.Equal(line.Number("expected"), line.Number("stored"));
        Assert.Equal("yes", line["exact"]);
    }

    [Fact]
    [Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
    public async Task Boards_written_through_azure_tables_equal_the_sqlite_reference()
    {
        var line = await RunAsync("leaderboard", "--store", "tables");

        Assert.Equal("yes", line["equivalent"]);
        Assert.Equal(30, line.Number("members"));
    }
}
