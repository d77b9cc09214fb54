using System.Xml.Linq;

namespace QuizBot.Tests.Dashboard.Charts;

// What a reader (or a browser test) sees of a chart: its markers' tooltips and the rows of the table beside it.
internal sealed record ChartRead(string Title, IReadOnlyList<XElement> Markers, IReadOnlyList<(string Label, string Value)> Rows)
{
    public IReadOnlyList<string> MarkerTitles => [.. Markers.Select(m => m.Element("title")!.Value)];

    public static IReadOnlyList<ChartRead> All(XElement root) =>
        [.. root.Descendants("div").Where(d => (string?)d.Attribute("class") == "chart-pair").Select(Read)];

    public static ChartRead Find(XElement root, string titleStart) => All(root).Single(c => c.Title.StartsWith(titleStart, StringComparison.Ordinal));

    private static ChartRead Read(XElement pair)
    {
        var svg = pair.Descendants("svg").Single();
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var ids = ((string)svg.Attribute("aria-labelledby")!).Split(' ');
        // The accessible name points at the chart's own <title> and <desc>.
        Assert.Equal(["title", "desc"], ids.Select(id => svg.Descendants().Single(e => (string?)e.Attribute("id") == id).Name.LocalName));
        var markers = svg.Descendants().Where(e => (e.Name == "rect" && ((string?)e.Attribute("class"))?.Split(' ').Contains("bar") == true)
            || (e.Name == "circle" && (string?)e.Attribute("class") == "point")).ToList();
        var rows = pair.Descendants("table").Single().Element("tbody")!.Elements("tr")
            .Select(tr => (tr.Element("th")!.Value, tr.Elements("td").First().Value)).ToList();
        return new ChartRead(svg.Element("title")!.Value, markers, rows);
    }

    // A chart equals its table: one row per marker, in order, and each marker's tooltip is "label: value" of its row.
    public void AssertTableEqualsChart()
    {
        Assert.Equal(Markers.Count, Rows.Count);
        for (var i = 0; i < Rows.Count; i++)
        {
            Assert.StartsWith($"{Rows[i].Label}: {Rows[i].Value}", MarkerTitles[i], StringComparison.Ordinal);
        }
    }
}
