using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuizBot.Storage;

// Readiness: the instance can do its work only while its store answers. A failure or a ping slower than the check's
// timeout is unhealthy; the health check service catches and logs both.
internal sealed class StoreHealthCheck(IQuizStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.PingAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

internal static class ReadinessEndpoint
{
    // Longer than a healthy ping on either store, shorter than the Tables SDK's retries during an outage.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddStoreReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, timeout: Timeout)
            .AddCheck<Quizzes.Banks.BankSeedHealthCheck>("banks", HealthStatus.Degraded);
        return services;
    }

    // 200 {"status":"ready"} or 503 {"status":"unavailable"}; what failed goes to the log, not to anonymous callers.
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            // Degraded (a bank file that could not be read) is still ready, and names the files: they are the operator's own.
            ResponseWriter = (http, report) => report.Status switch
            {
                HealthStatus.Healthy => http.Response.WriteAsJsonAsync(new { status = "ready" }),
                HealthStatus.Degraded => http.Response.WriteAsJsonAsync(new
                {
                    status = "ready",
                    problems = report.Entries.Values.Where(e => e.Status == HealthStatus.Degraded).Select(e => e.Description).ToList(),
                }),
                _ => http.Response.WriteAsJsonAsync(new { status = "unavailable" }),
            },
        });
        return app;
    }
}
