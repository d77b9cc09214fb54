using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Teams.Auth;

// Checked at start-up so a half-configured bot refuses to start instead of answering 401 to every message.
internal sealed class BotAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthOptions o)
    {
        var errors = new List<string>();
        if (!o.AuthenticationEnabled)
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"MicrosoftAppId is not set, which turns Bot Framework authentication off; that is allowed only in Development " +
                    $"(the environment is '{environment.EnvironmentName}'). Set MicrosoftAppId, MicrosoftAppType and MicrosoftAppPassword " +
                    "(and MicrosoftAppTenantId for SingleTenant) from the Azure Bot resource.");
            }
        }
        else if (!IsKnownType(o.MicrosoftAppType))
        {
            errors.Add($"MicrosoftAppType '{o.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
        }
        else
        {
            var type = o.AppType;
            if (type == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId))
            {
                errors.Add("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set: set it to the tenant id (GUID) of the bot's app registration.");
            }
            if (type != BotAppType.UserAssignedMSI && string.IsNullOrWhiteSpace(o.MicrosoftAppPassword))
            {
                errors.Add($"MicrosoftAppType is {type} but MicrosoftAppPassword is not set: set it to a client secret of app registration {o.MicrosoftAppId}.");
            }
        }
        if (o.AllowedTenants.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("QuizBot:AllowedTenants has an empty entry: list tenant ids (GUIDs) or leave the setting out.");
        }
        CheckUrl(errors, "QuizBot:Auth:ChannelOpenIdMetadataUrl", o.ChannelOpenIdMetadataUrl);
        CheckUrl(errors, "QuizBot:Auth:EmulatorOpenIdMetadataUrl", o.EmulatorOpenIdMetadataUrl);
        CheckUrl(errors, "QuizBot:Auth:AuthorityHost", o.AuthorityHost);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsKnownType(string? type) =>
        string.IsNullOrWhiteSpace(type) || (Enum.TryParse<BotAppType>(type.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t));

    // Signing keys fetched over plain HTTP could be swapped by anyone on the path; loopback is for tests only.
    private static void CheckUrl(List<string> errors, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            errors.Add($"{key} must be an absolute https URL (http is accepted for loopback addresses only); it is '{url}'.");
        }
    }
}
