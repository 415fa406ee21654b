using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crisis.ServiceDefaults.Telemetry;

public static class TelemetrySetup
{
    /// <summary>Every Crisis ActivitySource and Meter is named "Crisis.*".</summary>
    public const string SourcePrefix = "Crisis.*";

    /// <summary>Where Prometheus scrapes each node.</summary>
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddCrisisTelemetry(this IHostApplicationBuilder builder)
    {
        var spanFile = builder.Configuration["Telemetry:SpanFile"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourcePrefix, "Marten", "MassTransit")
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new DaemonPollingSampler()))
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation()
                    .AddSource(SourcePrefix, "Marten", "MassTransit");
                if (!string.IsNullOrWhiteSpace(spanFile)) tracing.AddProcessor(new SpanFileProcessor(spanFile));
            });
        // Export only when an endpoint is configured: a developer machine has no collector.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, mapped on its own so that its access policy can be set where it is mapped
    /// (for example <c>app.MapCrisisMetrics().RequireAuthorization(...)</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapCrisisMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath);
}
