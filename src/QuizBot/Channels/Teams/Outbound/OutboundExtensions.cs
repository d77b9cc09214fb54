using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace QuizBot.Channels.Teams.Outbound;

internal static class OutboundExtensions
{
    // Handler order, outermost first:
    //   buffer content  -> the body can be sent again
    //   retry           -> Polly, on TimeProvider: 412/429/502/503/504, transport failures, abandoned attempts
    //   rate limit      -> inside retry so each attempt takes a slot, outside the attempt timeout so a long
    //                      wait for a slot is never mistaken for a slow connector; a 429 holds the key's later sends
    //   attempt timeout -> one network attempt only
    // Polly rather than a hand-written loop: its jittered backoff is proven, and every retry is logged and metered.
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder builder, Action<ConnectorResilienceOptions>? configure = null)
    {
        var options = new ConnectorResilienceOptions();
        configure?.Invoke(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new ConnectorRateLimiter(sp.GetRequiredService<TimeProvider>()));

        builder.AddHttpMessageHandler(() => new BufferContentHandler());
        builder.AddResilienceHandler("connector-retry", (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline.AddRetry(ConnectorRetry.Strategy(options, time));
        });
        builder.AddHttpMessageHandler(sp => new RateLimitHandler(sp.GetRequiredService<ConnectorRateLimiter>(), sp.GetRequiredService<TimeProvider>(),
            options.BaseDelay, options.MaxWait));
        builder.AddResilienceHandler("connector-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
