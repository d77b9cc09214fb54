using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Channels.Slack;

internal static class SlackWireSetup
{
    // Slack's wire layer: options (refused at start when half-configured), request signing, and the Web API client with
    // its retries and rate limits. Registered whether or not Slack is configured; map the Slack endpoints only when
    // SlackOptions.Enabled.
    public static IServiceCollection AddSlackWire(this IServiceCollection services, Action<SlackResilienceOptions>? configure = null)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackSignature>();
        services.TryAddSingleton<SlackRequestReader>();
        services.TryAddSingleton<SlackTokens>();
        services.TryAddSingleton<SlackWebApi>();
        var resilience = new SlackResilienceOptions();
        configure?.Invoke(resilience);
        services.AddHttpClient(SlackWebApi.HttpClientName, c =>
            {
                // Waits for a rate-limit place can outlast any fixed timeout; each network attempt has its own, and the
                // caller's token bounds the whole.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .AddSlackResilience(resilience);
        return services;
    }
}
