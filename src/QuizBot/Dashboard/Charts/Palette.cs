namespace QuizBot.Dashboard.Charts;

// Okabe and Ito's palette, readable with every common colour-vision deficiency. The charts never rely on colour alone:
// right and wrong bars also differ by a hatch pattern and by a word in the table and the tooltip.
internal static class Palette
{
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Vermillion = "#D55E00";
    public const string Grey = "#595959";
    public const string Grid = "#BBBBBB";
}
