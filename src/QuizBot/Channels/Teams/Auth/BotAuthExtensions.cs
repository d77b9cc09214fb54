using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Teams.Auth;

internal static class BotAuthExtensions
{
    // Inbound token checks, the trusted service URL list and outbound Bot Connector tokens.
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthOptions>()
            .Configure(o => Bind(configuration, o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthOptions>, BotAuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<BotRequestAuthenticator>();
        services.TryAddSingleton<ConnectorTokenProvider>();
        services.TryAddTransient<ConnectorAuthHandler>();
        services.AddHttpClient(BotRequestAuthenticator.MetadataHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(ConnectorTokenProvider.MsalHttpClient);
        return services;
    }

    // Put on the Bot Connector's HttpClient: signs calls to trusted service URLs and refuses the rest.
    public static IHttpClientBuilder AddConnectorAuth(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler<ConnectorAuthHandler>();

    private static void Bind(IConfiguration c, BotAuthOptions o)
    {
        o.MicrosoftAppId = Trimmed(c["MicrosoftAppId"]);
        o.MicrosoftAppPassword = Trimmed(c["MicrosoftAppPassword"]);
        o.MicrosoftAppType = Trimmed(c["MicrosoftAppType"]);
        o.MicrosoftAppTenantId = Trimmed(c["MicrosoftAppTenantId"]);
        var tenants = c.GetSection("QuizBot:AllowedTenants");
        // Either a list (QuizBot__AllowedTenants__0=...) or one comma-separated value, as app settings often hold.
        o.AllowedTenants = tenants.Value is { } one
            ? [.. one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. tenants.GetChildren().Select(t => t.Value?.Trim() ?? "")];
        // An empty value (say, an environment variable set to nothing) keeps the public default.
        o.ChannelOpenIdMetadataUrl = UrlOr(c, "QuizBot:Auth:ChannelOpenIdMetadataUrl", o.ChannelOpenIdMetadataUrl);
        o.EmulatorOpenIdMetadataUrl = UrlOr(c, "QuizBot:Auth:EmulatorOpenIdMetadataUrl", o.EmulatorOpenIdMetadataUrl);
        o.AuthorityHost = UrlOr(c, "QuizBot:Auth:AuthorityHost", o.AuthorityHost);
    }

    // A relative URL is kept as given so that validation reports it by name with the others.
    private static Uri UrlOr(IConfiguration c, string key, Uri fallback) =>
        Trimmed(c[key]) is not { } text ? fallback
        : Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var url) ? url
        : throw new InvalidOperationException($"{key} is not a URL: '{text}'.");

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
