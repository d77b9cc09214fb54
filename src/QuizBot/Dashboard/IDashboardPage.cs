namespace QuizBot.Dashboard;

// One page of a conversation's dashboard (leaderboard, participation, questions, ...). The dashboard's endpoints check
// the session and the person's role for the conversation, then put the page's HTML inside their layout. Everything the
// page writes is HTML-encoded by the page itself (names, question texts and bank titles come from users and files).
internal interface IDashboardPage
{
    // The path segment under /dashboard/{conversation}/ and the navigation order.
    string Slug { get; }

    int Order { get; }

    string Title { get; }

    // The page body: HTML (a fragment, no <html>/<body>), charts as inline SVG with a table beside each.
    Task<string> RenderAsync(string conversationKey, CancellationToken ct);
}
