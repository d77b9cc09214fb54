using System.Globalization;
using System.Text.Encodings.Web;

namespace QuizBot.Dashboard;

// Everything a page writes that came from a person or a file goes through E (HTML-encoded, attribute-safe).
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // A link to another dashboard URL; href values built by DashboardPaths are already escaped, so only encoded here.
    public static string Link(string href, string text, bool current = false) =>
        $"<a href=\"{E(href)}\"{(current ? " aria-current=\"page\"" : "")}>{E(text)}</a>";
}
