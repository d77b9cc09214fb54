using System.Xml.Linq;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Charts;
using QuizBot.Quizzes;

namespace QuizBot.Tests.Dashboard.Charts;

public sealed class QuestionsPageTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(2);
    private readonly ChartsHost _host = new();

    public void Dispose() => _host.Dispose();

    private static DateTimeOffset Day(int day) => new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero).AddDays(day);

    // Person n answers with the given offset from the right choice (0 right, 1 the next option, ...).
    private static (Participant, int)[] Answers(params int[] offsets) => [.. offsets.Select((o, n) => (ChartsHost.Person(n), o))];

    // Three questions on three days. First: 4 answers, 3 wrong (75% missed). Second: 5 answers, 1 wrong (20%).
    // Third: 2 answers, 1 wrong (50%), the most recent.
    private async Task<Question[]> SeedThreeAsync()
    {
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        return
        [
            await _host.AskAsync(Day(0), Window, Answers(0, 1, 1, 2)),
            await _host.AskAsync(Day(1), Window, Answers(0, 0, 0, 0, 1)),
            await _host.AskAsync(Day(2), Window, Answers(0, 1)),
        ];
    }

    private static IReadOnlyList<string> Headings(XElement root) => [.. root.Descendants("h3").Select(h => h.Value)];

    [Fact]
    public void The_page_is_registered_for_managers_under_its_slug_and_order()
    {
        var page = _host.Page<QuestionsPage>();

        Assert.Equal(("questions", 30, DashboardRole.Manager), (page.Slug, page.Order, page.Audience));
    }

    [Fact]
    public async Task Each_question_has_one_bar_per_option_valued_as_the_answers_given_with_the_right_one_marked()
    {
        var asked = await SeedThreeAsync();

        var (_, root) = await _host.RenderAsync<QuestionsPage>();

        var charts = ChartRead.All(root);
        Assert.Equal(4, charts.Count);
        var accuracy = ChartRead.Find(root, "Share of right answers");
        Assert.Equal(3, accuracy.Markers.Count);
        Assert.Equal(["25%", "50%", "80%"], accuracy.Rows.Select(r => r.Value));

        var first = asked[0];
        var options = ChartRead.Find(root, "Q1: answers per option");
        Assert.Equal(first.Choices.Count, options.Markers.Count);
        var expected = new int[first.Choices.Count];
        foreach (var offset in new[] { 0, 1, 1, 2 })
        {
            expected[(first.Answer + offset) % first.Choices.Count]++;
        }
        Assert.Equal(expected.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), options.Rows.Select(r => r.Value));
        Assert.Equal(first.Choices.Select((_, i) => first.Describe(i)), options.Rows.Select(r => r.Label));
        // The right option differs by class (hatched fill) and by words, not by colour alone.
        var right = Assert.Single(options.Markers, m => ((string)m.Attribute("class")!).Contains("right", StringComparison.Ordinal));
        Assert.Equal(first.Answer, options.Markers.ToList().IndexOf(right));
        Assert.EndsWith("(right answer)", right.Element("title")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("url(#", (string)right.Attribute("fill")!, StringComparison.Ordinal);
        var table = root.Descendants("table").Single(t => t.Element("caption")!.Value.StartsWith("Q1:", StringComparison.Ordinal));
        Assert.Equal("right answer", table.Descendants("tr").ElementAt(1 + first.Answer).Elements("td").Last().Value);

        foreach (var chart in charts)
        {
            chart.AssertTableEqualsChart();
        }
    }

    [Fact]
    public async Task The_most_missed_come_first_and_the_query_sorts_by_answers_or_by_most_recent()
    {
        var asked = await SeedThreeAsync();
        string H(int i) => $"Q{{0}}. {asked[i].Text}";
        IReadOnlyList<string> Expect(params int[] order) => [.. order.Select((q, n) => string.Format(System.Globalization.CultureInfo.InvariantCulture, H(q), n + 1))];

        Assert.Equal(Expect(0, 2, 1), Headings((await _host.RenderAsync<QuestionsPage>()).Root));
        Assert.Equal(Expect(0, 2, 1), Headings((await _host.RenderAsync<QuestionsPage>(("sort", "missed"))).Root));
        Assert.Equal(Expect(1, 0, 2), Headings((await _host.RenderAsync<QuestionsPage>(("sort", "answers"))).Root));
        Assert.Equal(Expect(2, 1, 0), Headings((await _host.RenderAsync<QuestionsPage>(("sort", "recent"))).Root));
        Assert.Equal(Expect(0, 2, 1), Headings((await _host.RenderAsync<QuestionsPage>(("sort", "<bogus>"))).Root));

        // The sort links are plain links to the same page; the order shown is marked current.
        var (_, root) = await _host.RenderAsync<QuestionsPage>(("sort", "recent"));
        var links = root.Descendants("nav").First().Descendants("a").ToList();
        Assert.Equal(["Most missed", "Most answered", "Most recent"], links.Select(a => a.Value));
        Assert.All(links, a => Assert.StartsWith(DashboardPaths.Page(ChartsHost.Room, "questions") + "?sort=", (string)a.Attribute("href")!, StringComparison.Ordinal));
        Assert.Equal("Most recent", links.Single(a => a.Attribute("aria-current") is not null).Value);
    }

    [Fact]
    public async Task Question_texts_choices_and_explanations_from_the_bank_are_encoded()
    {
        await _host.ScheduleAsync("daily 09:00 UTC window 2h");
        var asked = await _host.AskAsync(Day(0), Window, Answers(0, 1));
        Assert.Equal("q-script", asked.Id);

        var (html, root) = await _host.RenderAsync<QuestionsPage>();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; which bolds?", html, StringComparison.Ordinal);
        // Parsed back, the reader sees exactly what the bank says.
        Assert.Equal($"Q1. {ChartsHost.ScriptText}", Assert.Single(Headings(root)));
        var facts = root.Descendants("dd").Select(d => d.Value).ToList();
        Assert.Contains("B. <script>", facts);
        Assert.Contains("Because <script> runs & <b> only bolds.", facts);
        Assert.Contains("Charts & <tests>", facts);
        Assert.Contains("C. A & B", ChartRead.Find(root, "Q1:").Rows.Select(r => r.Label));
    }

    [Fact]
    public async Task More_questions_than_a_page_holds_are_reached_by_next_and_previous_links()
    {
        using var host = new ChartsHost(extra: QuestionsPage.PageSize);
        await host.ScheduleAsync("daily 09:00 UTC window 2h");
        var asked = new List<Question>();
        for (var day = 0; day < QuestionsPage.PageSize + 3; day++)
        {
            asked.Add(await host.AskAsync(Day(day), Window, Answers(day % 2)));
        }

        var (_, first) = await host.RenderAsync<QuestionsPage>(("sort", "recent"));
        Assert.Equal(QuestionsPage.PageSize, Headings(first).Count);
        Assert.Equal(QuestionsPage.PageSize, ChartRead.Find(first, "Share of right answers").Markers.Count);
        var next = Assert.Single(first.Descendants("a"), a => (string?)a.Attribute("rel") == "next");
        Assert.EndsWith("?sort=recent&page=2", (string)next.Attribute("href")!, StringComparison.Ordinal);

        // Most recent first: the second page holds the three asked first, newest of them first.
        var (_, second) = await host.RenderAsync<QuestionsPage>(("sort", "recent"), ("page", "2"));
        Assert.Equal([$"Q21. {asked[2].Text}", $"Q22. {asked[1].Text}", $"Q23. {asked[0].Text}"], Headings(second));
        Assert.Single(second.Descendants("a"), a => (string?)a.Attribute("rel") == "prev");
        Assert.DoesNotContain(second.Descendants("a"), a => (string?)a.Attribute("rel") == "next");
        // A page past the end shows the last one.
        Assert.Equal(Headings(second), Headings((await host.RenderAsync<QuestionsPage>(("sort", "recent"), ("page", "9"))).Root));
    }

    [Fact]
    public async Task A_conversation_without_closed_questions_gets_a_sentence_and_no_chart()
    {
        var (_, root) = await _host.RenderAsync<QuestionsPage>();

        Assert.Empty(root.Descendants("svg"));
        Assert.Contains("No question has closed with answers here yet", root.Descendants("p").Single().Value, StringComparison.Ordinal);
    }
}
