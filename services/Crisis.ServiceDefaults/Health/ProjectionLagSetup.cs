using Marten.Events.Daemon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Crisis.ServiceDefaults.Settings;

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
        services.AddValidatedSettings<ProjectionLagThresholds>(configuration, ProjectionLagThresholds.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProjectionLagSource, MartenProjectionLag>();
        services.AddHostedService<ProjectionLagMetrics>();
        services.AddHealthChecks().AddCheck<ProjectionLagHealthCheck>(
            "projection-lag", failureStatus: runsDaemon ? HealthStatus.Unhealthy : HealthStatus.Degraded);
        if (runsDaemon) services.AddMartenDaemonHealthCheck();
        return services;
    }

    public const string MartenDaemonCheck = "marten-async-daemon";

    /// <summary>
    /// Marten's own view of its async daemon (Marten.AspNetCore): unhealthy when one of its async projections is
    /// <c>Health:MaxProjectionLag</c> events or more behind the daemon's high-water mark, read through Marten's API rather
    /// than our SQL. Beside <c>projection-lag</c>, which also covers the subscriptions (detection, publishing, paging), the age
    /// of the oldest pending event, and measures against the highest sequence, so it also sees a stalled high-water mark.
    /// Marten's "same lag for a while" option is not used: it measures the time since its previous check, and readiness is
    /// checked every 5 s. Only where the daemon runs: it always answers Unhealthy, where an intake-only node must stay ready.
    /// </summary>
    private static void AddMartenDaemonHealthCheck(this IServiceCollection services)
    {
        services.TryAddSingleton<AsyncDaemonHealthCheckExtensions.ProjectionStateTracker>();
        services.AddSingleton(sp =>
        {
            var thresholds = sp.GetRequiredService<IOptions<ProjectionLagThresholds>>().Value;
            // Marten counts a projection "lag or more" events behind as lagging: at least one, or a caught-up one would count.
            var lag = (int)Math.Clamp(thresholds.MaxProjectionLag, 1, int.MaxValue);
            return new AsyncDaemonHealthCheckExtensions.AsyncDaemonHealthCheckSettings(lag);
        });
        services.AddHealthChecks().AddCheck<AsyncDaemonHealthCheckExtensions.AsyncDaemonHealthCheck>(MartenDaemonCheck);
    }
}
