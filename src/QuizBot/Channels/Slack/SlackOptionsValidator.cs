using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Checked at start-up: a half-configured Slack would otherwise answer 401 to every request or fail every post,
// which is found only when someone tries the bot.
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions o)
    {
        var errors = new List<string>();
        var hasSecret = Set(o.SigningSecret);
        var hasBotToken = Set(o.BotToken);
        var hasAppToken = Set(o.AppToken);
        var hasOAuth = Set(o.ClientId) || Set(o.ClientSecret);
        var hasTokenSource = hasBotToken || hasOAuth;
        if (hasSecret && !hasTokenSource || !hasSecret && !hasAppToken && hasBotToken)
        {
            var (set, missing) = hasSecret ? ("SigningSecret", "BotToken") : ("BotToken", "SigningSecret");
            errors.Add($"Slack is half-configured: Slack:{set} is set but Slack:{missing} is not. Set both (Signing Secret from the " +
                "Slack app's Basic Information page, Bot User OAuth Token from OAuth & Permissions) or neither to leave Slack off. " +
                "(Slack:ClientId and Slack:ClientSecret may stand in for the bot token, and Slack:AppToken for the signing secret.)");
        }
        if (hasAppToken && !hasTokenSource)
        {
            errors.Add("Slack is half-configured: Slack:AppToken is set but no bot token is: set Slack:BotToken, or Slack:ClientId and " +
                "Slack:ClientSecret so workspaces install the app.");
        }
        if (hasOAuth && !(Set(o.ClientId) && Set(o.ClientSecret)))
        {
            errors.Add("Slack is half-configured: set both Slack:ClientId and Slack:ClientSecret (Basic Information > App Credentials) to " +
                "let workspaces install the app, or neither.");
        }
        if (hasOAuth && !hasSecret && !hasAppToken)
        {
            errors.Add("Slack:ClientId and Slack:ClientSecret are set, but Slack cannot reach the bot: set Slack:SigningSecret (request " +
                "URLs) or Slack:AppToken (Socket Mode).");
        }
        if (hasBotToken && !o.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken must be a bot token starting with 'xoxb-' (OAuth & Permissions > Bot User OAuth Token); " +
                "a user token (xoxp-) or an app-level token (xapp-) cannot post as the bot.");
        }
        if (hasAppToken && !o.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Slack:AppToken must be an app-level token starting with 'xapp-' (Basic Information > App-Level Tokens, with the " +
                "connections:write scope).");
        }
        if (new[] { o.SigningSecret, o.BotToken, o.AppToken, o.ClientId, o.ClientSecret }.Any(HasOuterWhitespace))
        {
            errors.Add("A Slack secret, token or client id has leading or trailing whitespace; it was probably pasted with it. Remove it.");
        }
        // The bot token travels with every call: plain http would hand it to anyone on the path. Loopback is for tests.
        if (!IsSafeUrl(o.ApiBaseUrl))
        {
            errors.Add($"Slack:ApiBaseUrl must be an absolute https URL without query or credentials (http is accepted for loopback " +
                $"addresses only); it is '{o.ApiBaseUrl}'. Leave it out to use {SlackOptions.DefaultApiBaseUrl}.");
        }
        if (!IsSafeUrl(o.AuthorizeUrl))
        {
            errors.Add($"Slack:AuthorizeUrl must be an absolute https URL without query or credentials; it is '{o.AuthorizeUrl}'. " +
                $"Leave it out to use {SlackOptions.DefaultAuthorizeUrl}.");
        }
        if (Set(o.RedirectUrl) && !(Uri.TryCreate(o.RedirectUrl, UriKind.Absolute, out var redirect)
            && (redirect.Scheme == Uri.UriSchemeHttps || (redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback))))
        {
            errors.Add($"Slack:RedirectUrl must be the absolute https URL of /slack/oauth/callback as registered with the app; it is '{o.RedirectUrl}'.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsSafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback))
        && string.IsNullOrEmpty(u.Query) && string.IsNullOrEmpty(u.UserInfo);

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);

    private static bool HasOuterWhitespace(string? value) => Set(value) && value!.Length != value.Trim().Length;
}
