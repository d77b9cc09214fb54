using System.Text;

namespace QuizBot.Dashboard;

// The frame around every dashboard page: skip link, the signed-in person with a sign-out button, the conversation's
// pages the person's role may open (in Order), and the page itself in <main>.
internal static class DashboardLayout
{
    internal sealed record NavItem(string Href, string Title, bool Current);

    public static string Page(string title, string body, string? signedInAs = null, string? signOutField = null,
        IReadOnlyList<NavItem>? nav = null, string? flash = null)
    {
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · QuizBot</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(DashboardCss.Path).Append("\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"").Append(DashboardPaths.Root).Append("\">QuizBot dashboard</a>");
        if (signedInAs is not null)
        {
            html.Append("<span class=\"muted\">Signed in as ").Append(Html.E(signedInAs)).Append("</span>");
            if (signOutField is not null)
            {
                html.Append("<form method=\"post\" action=\"").Append(DashboardEndpoints.SignOutPath).Append("\">").Append(signOutField)
                    .Append("<button type=\"submit\" class=\"plain\">Sign out</button></form>");
            }
        }
        html.Append("</header>");
        if (nav is { Count: > 0 })
        {
            html.Append("<nav class=\"pages\" aria-label=\"Dashboard pages\"><ul>");
            foreach (var item in nav)
            {
                html.Append("<li>").Append(Html.Link(item.Href, item.Title, item.Current)).Append("</li>");
            }
            html.Append("</ul></nav>");
        }
        html.Append("<main id=\"main\" tabindex=\"-1\">");
        if (flash is not null)
        {
            html.Append("<p class=\"flash\" role=\"status\">").Append(Html.E(flash)).Append("</p>");
        }
        html.Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    // A page with one message (not signed in, not found, a refused link): the same frame, nothing else.
    public static string Message(string title, string text, string? extraHtml = null) =>
        Page(title, $"<h1>{Html.E(title)}</h1><p>{Html.E(text)}</p>{extraHtml}");
}
