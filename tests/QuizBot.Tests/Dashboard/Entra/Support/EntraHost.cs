using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Dashboard;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Entra.Support;

// The service with Entra ID configured against a FakeEntraServer, and a browser's part in the sign-in: following the
// redirects and carrying the cookies by hand (they are Secure, and tests look at each one).
public sealed partial class EntraHost : IAsyncDisposable
{
    public const string Site = "https://quizbot.example.com";

    public EntraHost(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // Near real time: the OpenID Connect nonce carries a timestamp the handler checks on the system clock.
        Time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        Entra = new FakeEntraServer(Time);
        var all = new Dictionary<string, string?>
        {
            ["QuizBot:Dashboard:PublicBaseUrl"] = Site,
            ["QuizBot:Dashboard:Entra:ClientId"] = FakeEntraServer.ClientId,
            ["QuizBot:Dashboard:Entra:ClientSecret"] = FakeEntraServer.ClientSecret,
            ["QuizBot:Dashboard:Entra:TenantId"] = FakeEntraServer.TenantId,
            ["QuizBot:Dashboard:Entra:Instance"] = Entra.Instance,
        };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }
        App = new BotApp(all, Time, services);
    }

    public FakeTimeProvider Time { get; }

    public FakeEntraServer Entra { get; }

    public BotApp App { get; }

    public HttpClient Client() => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri("https://localhost"),
    });

    // What a Teams `dashboard` leaves behind for the person: their object id linked to the chat key and conversation.
    public Task LinkAsync(string oid, string conversation = "msteams:19:team-a", string name = "Ann") =>
        App.Get<IDashboardIdentities>().RememberAsync(new Participant("msteams:29:ann", name, ["29:ann", oid]), conversation, CancellationToken.None);

    // Starts sign-in, lets the fake Entra ID sign the person in and returns the callback the browser would send.
    public async Task<Callback> SignInAtEntraAsync(HttpClient client)
    {
        using var challenge = await client.GetAsync(new Uri("/dashboard/signin/entra", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        using var entra = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await entra.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var form = await answer.Content.ReadAsStringAsync();
        var fields = InputPattern().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return new Callback(authorize, fields["code"], fields["state"], Cookies(challenge));
    }

    // The browser posts Entra ID's form back (form_post), or follows a redirect with the same fields (query).
    public static async Task<HttpResponseMessage> ReturnAsync(HttpClient client, Callback callback, bool byQuery = false)
    {
        var path = "/dashboard/signin/entra/callback";
        using var request = byQuery
            ? new HttpRequestMessage(HttpMethod.Get, $"{path}?code={callback.Code}&state={Uri.EscapeDataString(callback.State)}")
            : new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = callback.Code, ["state"] = callback.State }) };
        if (callback.Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", callback.Cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        return await client.SendAsync(request);
    }

    // Cookies a response sets (not those it deletes): name to value.
    public static Dictionary<string, string> Cookies(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .Where(v => !v.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            .Select(v => v.Split(';')[0].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    public static string? SetCookie(HttpResponseMessage response, string name) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []).FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal));

    // The session a response opened, read as the dashboard's pages read it.
    internal DashboardViewer? Session(HttpResponseMessage response)
    {
        if (!Cookies(response).TryGetValue(DashboardSessions.CookieName, out var value))
        {
            return null;
        }
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{DashboardSessions.CookieName}={value}";
        return App.Get<DashboardSessions>().Current(context);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Entra.DisposeAsync();
    }

    [GeneratedRegex("""<input name="(\w+)" value="([^"]*)">""")]
    private static partial Regex InputPattern();

    public sealed record Callback(Uri Authorize, string Code, string State, Dictionary<string, string> Cookies);
}
