using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace QuizBot.Channels.Slack;

internal static class SlackHttpSetup
{
    // Handler order, outermost first:
    //   retry           -> Polly, on TimeProvider: 429 (Retry-After up to MaxWait), 5xx, transport failures, abandoned attempts
    //   rate limit      -> inside retry so each attempt takes a place, outside the attempt timeout so a long wait
    //                      for a place is never mistaken for a slow Slack
    //   attempt timeout -> one network attempt only
    // The request body is a ByteArrayContent, which can be sent again as it is.
    public static IHttpClientBuilder AddSlackResilience(this IHttpClientBuilder builder, SlackResilienceOptions options)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SlackRateLimiter>();
        builder.AddResilienceHandler("slack-retry", (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline.AddRetry(SlackRetry.Strategy(options, time));
        });
        builder.AddHttpMessageHandler(sp => new SlackRateLimitHandler(
            sp.GetRequiredService<SlackRateLimiter>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SlackRateLimitHandler>>()));
        builder.AddResilienceHandler("slack-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
