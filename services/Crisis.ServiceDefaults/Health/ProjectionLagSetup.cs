using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crisis.ServiceDefaults.Health;

public static class ProjectionLagSetup
{
    /// <summary>
    /// Projection lag as a readiness check and as gauges. A node that runs the async daemon is not ready while
    /// the projections lag beyond the thresholds; other nodes (intake only) report it as degraded but stay ready,
    /// because taking the intake out of the load balancer would only make the backlog worse.
    /// </summary>
    public static IServiceCollection AddProjectionLagMonitoring(this IServiceCollection services, IConfiguration configuration, bool runsDaemon)
    {
        services.AddOptions<ProjectionLagThresholds>().Bind(configuration.GetSection(ProjectionLagThresholds.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProjectionLagSource, MartenProjectionLag>();
        services.AddHostedService<ProjectionLagMetrics>();
        services.AddHealthChecks().AddCheck<ProjectionLagHealthCheck>(
            "projection-lag", failureStatus: runsDaemon ? HealthStatus.Unhealthy : HealthStatus.Degraded);
        return services;
    }
}
