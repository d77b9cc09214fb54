using Microsoft.AspNetCore.Antiforgery;

namespace QuizBot.Dashboard;

// The one-time link from chat. Chat clients open links to preview them (Slack unfurls, Teams link previews), so the GET
// only reads the link and shows a Continue button; the POST spends it and opens the session.
internal static partial class DashboardEndpoints
{
    private const string BadLinkText = "This sign-in link has expired, was already used, or is not a QuizBot link. Type dashboard in the chat " +
        "again for a new one.";

    private static void MapSignIn(RouteGroupBuilder group)
    {
        group.MapGet("/signin", (HttpContext http, string? t, SignInLinks links, IAntiforgery antiforgery) =>
        {
            if (links.Read(t) is not { } ticket)
            {
                return BadRequest("Sign-in link not valid", BadLinkText);
            }
            var form = $"<form method=\"post\" action=\"{SignInLinks.Path}\">{Field(antiforgery, http)}" +
                $"<input type=\"hidden\" name=\"t\" value=\"{Html.E(t)}\"><button type=\"submit\">Continue</button></form>";
            return Page(DashboardLayout.Message("Sign in to QuizBot", $"Continue as {ticket.Name} to the dashboard of {ticket.Conversation}.", form));
        });

        group.MapPost("/signin", async (HttpContext http, SignInLinks links, DashboardSessions sessions, DashboardAccess access,
            IEnumerable<IDashboardPage> pages, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await IsGenuineFormAsync(http, antiforgery))
            {
                return Forged();
            }
            if (await links.SpendAsync(http.Request.Form["t"].ToString(), ct) is not { } ticket)
            {
                return BadRequest("Sign-in link not valid", BadLinkText);
            }
            var viewer = ticket.Viewer;
            sessions.SignIn(http, viewer);
            var role = await access.RoleAsync(viewer, ticket.Conversation, ct) ?? DashboardRole.Member;
            return FirstPage(pages, role) is { } page ? SeeOther(DashboardPaths.Page(ticket.Conversation, page.Slug)) : SeeOther(DashboardPaths.Root);
        });

        group.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await IsGenuineFormAsync(http, antiforgery))
            {
                return Forged();
            }
            DashboardSessions.SignOut(http);
            return Page(DashboardLayout.Message("Signed out", "You are signed out. Type dashboard in chat to sign in again."));
        });
    }

    // A form post whose anti-forgery token matches its cookie; checked before the form is acted on in any way.
    internal static async Task<bool> IsGenuineFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return false;
        }
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    internal static IResult Forged() =>
        BadRequest("Form not accepted", "This form was not sent from a QuizBot dashboard page you have open (its anti-forgery token is missing or " +
            "wrong). Nothing was changed. Reload the page and try again.");
}
