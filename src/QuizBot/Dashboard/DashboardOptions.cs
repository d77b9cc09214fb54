using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard;

// Section "QuizBot:Dashboard". The dashboard is served by the same service; links in chat need its public address.
internal sealed class DashboardOptions
{
    public const string Section = "QuizBot:Dashboard";

    // The address people open (https://quizbot.example.com). Empty: `dashboard` in chat says the dashboard is not set up.
    public string? PublicBaseUrl { get; set; }

    // How long a session lasts once a link, Entra ID or the Teams tab opened it.
    public int SessionHours { get; set; } = 8;

    // How long a one-time sign-in link from chat stays valid.
    public int LinkMinutes { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(PublicBaseUrl);
}

internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions o)
    {
        if (o.Configured)
        {
            if (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                return ValidateOptionsResult.Fail("QuizBot:Dashboard:PublicBaseUrl must be an absolute address such as https://quizbot.example.com.");
            }
            // Session cookies are Secure: a browser keeps them over plain http only on its own machine.
            if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            {
                return ValidateOptionsResult.Fail("QuizBot:Dashboard:PublicBaseUrl must use https (http only for localhost).");
            }
        }
        if (o.SessionHours is < 1 or > 24)
        {
            return ValidateOptionsResult.Fail("QuizBot:Dashboard:SessionHours must be between 1 and 24.");
        }
        return o.LinkMinutes is < 1 or > 60
            ? ValidateOptionsResult.Fail("QuizBot:Dashboard:LinkMinutes must be between 1 and 60.")
            : ValidateOptionsResult.Success;
    }
}
