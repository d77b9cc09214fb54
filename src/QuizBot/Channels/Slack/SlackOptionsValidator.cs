using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

// Checked at start-up: a half-configured Slack would otherwise answer 401 to every request or fail every post,
// which is found only when someone tries the bot.
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions o)
    {
        var errors = new List<string>();
        var hasSecret = !string.IsNullOrWhiteSpace(o.SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(o.BotToken);
        if (hasSecret != hasToken)
        {
            var (set, missing) = hasSecret ? ("SigningSecret", "BotToken") : ("BotToken", "SigningSecret");
            errors.Add($"Slack is half-configured: Slack:{set} is set but Slack:{missing} is not. Set both (Signing Secret from the " +
                "Slack app's Basic Information page, Bot User OAuth Token from OAuth & Permissions) or neither to leave Slack off.");
        }
        if (hasToken && !o.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken must be a bot token starting with 'xoxb-' (OAuth & Permissions > Bot User OAuth Token); " +
                "a user token (xoxp-) or an app-level token (xapp-) cannot post as the bot.");
        }
        if (HasOuterWhitespace(o.SigningSecret) || HasOuterWhitespace(o.BotToken))
        {
            errors.Add("Slack:SigningSecret or Slack:BotToken has leading or trailing whitespace; it was probably pasted with it. Remove it.");
        }
        // The bot token travels with every call: plain http would hand it to anyone on the path. Loopback is for tests.
        if (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api)
            || !(api.Scheme == Uri.UriSchemeHttps || (api.Scheme == Uri.UriSchemeHttp && api.IsLoopback))
            || !string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.UserInfo))
        {
            errors.Add($"Slack:ApiBaseUrl must be an absolute https URL without query or credentials (http is accepted for loopback " +
                $"addresses only); it is '{o.ApiBaseUrl}'. Leave it out to use {SlackOptions.DefaultApiBaseUrl}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool HasOuterWhitespace(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length != value.Trim().Length;
}
