using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crisis.ServiceDefaults.Health;

public static class DependencyMonitorSetup
{
    /// <summary>The readiness checks run every few seconds whether or not a probe asks, for the gauge and the log.</summary>
    public static IServiceCollection AddDependencyMonitor(this IServiceCollection services)
    {
        services.AddSingleton<IHealthCheckPublisher, DependencyMonitor>();
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = DependencyMonitor.Period;
        });
        return services;
    }
}
