namespace QuizBot.Channels.Teams.Auth;

internal enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

// The keys Azure Bot templates put at the configuration root, plus QuizBot's own extras. Not bound with
// BindConfiguration because the Azure names live at the root while the extras live under "QuizBot".
internal sealed class BotAuthOptions
{
    public const string BotFrameworkTenant = "botframework.com";

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    // Kept as text so a typo is reported by validation with the accepted values, not by the binder.
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    // QuizBot:AllowedTenants: when not empty, activities from any other tenant are refused.
    public List<string> AllowedTenants { get; set; } = [];

    // QuizBot:Auth:*: the public endpoints by default; tests point them at a local server.
    public Uri ChannelOpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    public Uri EmulatorOpenIdMetadataUrl { get; set; } =
        new("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration");

    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    // No app id means local development with authentication off, as in the Bot Framework SDK.
    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public BotAppType AppType =>
        string.IsNullOrWhiteSpace(MicrosoftAppType) ? BotAppType.MultiTenant
        : Enum.TryParse<BotAppType>(MicrosoftAppType.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t
        : throw new InvalidOperationException($"MicrosoftAppType '{MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");

    // The tenant that issues outbound tokens: the shared Bot Framework tenant unless the bot is single-tenant.
    public string TokenTenant => AppType == BotAppType.SingleTenant ? MicrosoftAppTenantId! : BotFrameworkTenant;
}
