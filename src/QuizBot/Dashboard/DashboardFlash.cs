using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace QuizBot.Dashboard;

// The sentence an admin action answered, carried across its 303 to the page and shown there once: a short-lived
// protected cookie, read and deleted by the next page.
internal sealed class DashboardFlash(IDataProtectionProvider protection)
{
    private const string CookieName = "QuizBot.Dashboard.Flash";

    private readonly IDataProtector _protector = protection.CreateProtector("QuizBot.Dashboard.Flash.v1");

    public void Set(HttpContext context, string sentence) =>
        context.Response.Cookies.Append(CookieName, Convert.ToHexString(_protector.Protect(Encoding.UTF8.GetBytes(sentence))), Options(context));

    public string? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length is 0 or > 8192)
        {
            return null;
        }
        context.Response.Cookies.Delete(CookieName, Options(context));
        try
        {
            return Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromHexString(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    // SameSite=None and Partitioned: inside the Teams tab (a frame on Teams' site) browsers keep only partitioned
    // third-party cookies; on its own the dashboard is first-party and the partition is its own site.
    private static CookieOptions Options(HttpContext context)
    {
        var options = new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.None,
            Path = DashboardPaths.Root,
            MaxAge = TimeSpan.FromMinutes(2),
            IsEssential = true,
        };
        options.Extensions.Add("Partitioned");
        return options;
    }
}
