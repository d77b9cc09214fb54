namespace QuizBot.Dashboard.Charts;

// One point of a line chart: Label names it on the axis and in the table, Text is its value as people read it.
internal sealed record LinePoint(string Label, double Value, string Text);

internal enum BarKind
{
    Plain,
    Right,
    Wrong,
}

// One bar: Label is short (under the bar), Name is what the table and the bar's tooltip call it. Right and wrong bars
// differ by colour, by a hatch pattern and by a word, so nobody needs to tell the colours apart.
internal sealed record Bar(string Label, string Name, double Value, string Text, BarKind Kind = BarKind.Plain);

// What every chart says about itself: the id its accessible name hangs on, its title, a sentence describing it, and
// the headings of the table beside it.
internal sealed record ChartText(string Id, string Title, string Description, string LabelHeading, string ValueHeading);

