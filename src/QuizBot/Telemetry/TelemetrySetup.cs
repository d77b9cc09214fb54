using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace QuizBot.Telemetry;

internal static class TelemetrySetup
{
    // Traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables tune the rest:
    // OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, OTEL_SERVICE_NAME). Unset, nothing is registered: no SDK listens, so
    // QuizBot's instruments and spans cost a flag check.
    public static IServiceCollection AddQuizBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? "quizbot"))
            .WithTracing(t => t.AddSource(QuizBotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(QuizBotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
