using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuizBot.Tests.Dashboard.Access;

// A browser as far as the dashboard can tell: no redirects followed, cookies kept by hand from Set-Cookie (the
// session cookie is Secure, so HttpClient's own jar would not send it over the test server's http).
internal sealed partial class DashboardClient(WebApplicationFactory<Program> app) : IDisposable
{
    private readonly HttpClient _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public Task<Page> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Relative(url)));

    public Task<Page> PostAsync(string url, params (string Name, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Relative(url)) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) });

    public Task<Page> PostAsync(string url, HttpContent content) => SendAsync(new HttpRequestMessage(HttpMethod.Post, Relative(url)) { Content = content });

    // Follows a 303 once, as a browser would.
    public async Task<Page> FollowAsync(Page page)
    {
        Assert.Equal(HttpStatusCode.SeeOther, page.Status);
        return await GetAsync(page.Location!);
    }

    private async Task<Page> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        using var response = await _http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString, headers);
    }

    private static Uri Relative(string url) =>
        // On Unix "/path" parses as an absolute file: URI, so only http(s) addresses are cut to their path.
        url.StartsWith("http", StringComparison.Ordinal) ? new Uri(new Uri(url).PathAndQuery, UriKind.Relative) : new Uri(url, UriKind.Relative);

    public void Dispose() => _http.Dispose();

    internal sealed partial record Page(HttpStatusCode Status, string Body, string? Location, IReadOnlyDictionary<string, string> Headers)
    {
        // The anti-forgery field the page's forms carry.
        public (string Name, string Value) Antiforgery()
        {
            var match = AntiforgeryInput().Match(Body);
            Assert.True(match.Success, "no anti-forgery field on the page");
            return ("__antiforgery", WebUtility.HtmlDecode(match.Groups[1].Value));
        }

        // The cells of a <table id="...">, row by row, as text.
        public List<string[]> Table(string id)
        {
            var table = Regex.Match(Body, $"<table[^>]*id=\"{id}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
            Assert.True(table.Success, $"no table {id}");
            var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
            return [.. Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(row =>
                Regex.Matches(row.Groups[1].Value, "<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)
                    .Select(c => WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", ""))).ToArray())];
        }

        [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryInput();
    }
}
