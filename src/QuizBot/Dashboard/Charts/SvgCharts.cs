using System.Globalization;
using System.Text;

namespace QuizBot.Dashboard.Charts;

// Small, deterministic SVG charts written on the server: no fonts to embed, no native library, no script. Every chart
// comes as a chart-pair: the figure, and a table with the same numbers for screen readers and copy-paste. Markers are
// countable (rect.bar, circle.point), each with a <title> giving its value.
internal static class SvgCharts
{
    private const int Width = 640, Height = 240, Left = 56, Right = 16, Top = 16, Bottom = 40;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const int MaxTicks = 7, MaxValueLabels = 24;

    public static string Line(ChartText text, IReadOnlyList<LinePoint> points, string colour)
    {
        var max = NiceMax(points.Count == 0 ? 0 : points.Max(p => p.Value));
        var sb = Open(text);
        Grid(sb, max, "");
        double X(int i) => points.Count == 1 ? Left + (PlotWidth / 2.0) : Left + (i * (double)PlotWidth / (points.Count - 1));
        sb.Append("<polyline class=\"line\" fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? " " : "")}{N(X(i))},{N(Y(points[i].Value, max))}");
        }
        sb.Append("\"/>");
        var radius = points.Count > 100 ? 2 : 3;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" cx=\"{N(X(i))}\" cy=\"{N(Y(p.Value, max))}\" r=\"{radius}\" fill=\"{colour}\">")
                .Append("<title>").Append(Html.E($"{p.Label}: {p.Text}")).Append("</title></circle>");
        }
        foreach (var i in Ticks(points.Count))
        {
            // The end labels keep inside the chart: the first starts at its point, the last ends at its point.
            var anchor = points.Count == 1 ? "middle" : i == 0 ? "start" : i == points.Count - 1 ? "end" : "middle";
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(X(i))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"{anchor}\" font-size=\"11\">")
                .Append(Html.E(points[i].Label)).Append("</text>");
        }
        return Close(sb, text, points.Select(p => (p.Label, p.Text, (string?)null)));
    }

    // max: the top of the scale when it is fixed (100 for percentages); otherwise the largest value, rounded up.
    public static string Bars(ChartText text, IReadOnlyList<Bar> bars, double? max = null)
    {
        var top = max ?? NiceMax(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var sb = Open(text);
        if (bars.Any(b => b.Kind == BarKind.Right))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<defs><pattern id=\"{text.Id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .Append(CultureInfo.InvariantCulture, $"<rect width=\"6\" height=\"6\" fill=\"{Palette.Green}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#FFFFFF\" stroke-width=\"2\"/></pattern></defs>");
        }
        Grid(sb, top, max is 100 ? "%" : "");
        var band = bars.Count == 0 ? PlotWidth : PlotWidth / (double)bars.Count;
        var width = Math.Max(1, band * 0.7);
        var labelled = Ticks(bars.Count).ToHashSet();
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var x = Left + (i * band) + ((band - width) / 2);
            var y = Y(Math.Min(b.Value, top), top);
            var fill = b.Kind switch
            {
                BarKind.Right => $"url(#{text.Id}-hatch)",
                BarKind.Wrong => Palette.Vermillion,
                _ => Palette.Blue,
            };
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar{Kind(b.Kind)}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(Top + PlotHeight - y)}\" fill=\"{fill}\">")
                .Append("<title>").Append(Html.E($"{b.Name}: {b.Text}{Note(b.Kind, " (", ")")}")).Append("</title></rect>");
            if (bars.Count <= MaxValueLabels)
            {
                // The value over the bar, so a zero is seen as a zero and not as a missing bar.
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{N(x + (width / 2))}\" y=\"{N(y - 4)}\" text-anchor=\"middle\" font-size=\"11\">")
                    .Append(Html.E(b.Text)).Append("</text>");
            }
            if (labelled.Contains(i))
            {
                var label = b.Kind == BarKind.Right ? $"{b.Label} \u2713" : b.Label;
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(x + (width / 2))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\">")
                    .Append(Html.E(label)).Append("</text>");
            }
        }
        return Close(sb, text, bars.Select(b => (b.Name, b.Text, bars.Any(x => x.Kind != BarKind.Plain) ? Note(b.Kind, "", "") : null)));
    }

    private static StringBuilder Open(ChartText text)
    {
        var sb = new StringBuilder(4096);
        sb.Append("<div class=\"chart-pair\"><figure class=\"chart\">")
            .Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{text.Id}-title {text.Id}-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{text.Id}-title\">").Append(Html.E(text.Title)).Append("</title>")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{text.Id}-desc\">").Append(Html.E(text.Description)).Append("</desc>");
        return sb;
    }

    private static string Close(StringBuilder sb, ChartText text, IEnumerable<(string Label, string Value, string? Note)> rows)
    {
        sb.Append("</svg><figcaption>").Append(Html.E(text.Title)).Append("</figcaption></figure>")
            .Append("<table class=\"data\"><caption>").Append(Html.E(text.Title)).Append("</caption><thead><tr><th scope=\"col\">")
            .Append(Html.E(text.LabelHeading)).Append("</th><th scope=\"col\">").Append(Html.E(text.ValueHeading)).Append("</th>");
        var list = rows.ToList();
        var notes = list.Any(r => r.Note is not null);
        sb.Append(notes ? "<th scope=\"col\">Answer</th>" : "").Append("</tr></thead><tbody>");
        foreach (var (label, value, note) in list)
        {
            sb.Append("<tr><th scope=\"row\">").Append(Html.E(label)).Append("</th><td>").Append(Html.E(value)).Append("</td>");
            if (notes)
            {
                sb.Append("<td>").Append(Html.E(note)).Append("</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    // Three horizontal lines (zero, half, top) with their values, so a reader can size a bar or point at a glance.
    private static void Grid(StringBuilder sb, double max, string unit)
    {
        foreach (var value in new[] { 0, max / 2, max })
        {
            var y = N(Y(value, max));
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\" stroke=\"{Palette.Grid}\" stroke-width=\"1\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\" fill=\"{Palette.Grey}\">")
                .Append(N(value)).Append(unit).Append("</text>");
        }
    }

    // The indexes that get an axis label: all when few, otherwise about MaxTicks spread evenly, always the last.
    private static IEnumerable<int> Ticks(int count)
    {
        if (count <= 0)
        {
            yield break;
        }
        var step = Math.Max(1, (int)Math.Ceiling((count - 1) / (double)(MaxTicks - 1)));
        for (var i = 0; i < count - 1; i += step)
        {
            // Leave out a label that would run into the last one.
            if (count - 1 - i >= step || i == 0)
            {
                yield return i;
            }
        }
        yield return count - 1;
    }

    private static double Y(double value, double max) => Top + (PlotHeight * (1 - (value / max)));

    // 1, 2 or 5 times a power of ten, at least the largest value (and at least 1, so an all-zero chart has a scale).
    private static double NiceMax(double value)
    {
        if (value <= 1)
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1, 2, 5, 10 })
        {
            if (m * power >= value)
            {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static string Kind(BarKind kind) => kind switch
    {
        BarKind.Right => " right",
        BarKind.Wrong => " wrong",
        _ => "",
    };

    private static string Note(BarKind kind, string before, string after) => kind switch
    {
        BarKind.Right => $"{before}right answer{after}",
        BarKind.Wrong => $"{before}wrong{after}",
        _ => "",
    };

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
