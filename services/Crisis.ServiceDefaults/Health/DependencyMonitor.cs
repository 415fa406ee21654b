using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Crisis.ServiceDefaults.Health;

/// <summary>
/// Runs the readiness checks in the background (every <see cref="Period"/>) and says what each dependency is doing:
/// the gauge <c>crisis.dependency.up{dependency}</c> (1 healthy, 0.5 degraded, 0 unhealthy; exported as
/// <c>crisis_dependency_up</c>), one warning when a dependency stops being healthy (with the reason) and one line when
/// it is back. This is the log of an outage; the per-probe lines ASP.NET Core writes are lowered to debug
/// (<see cref="Logging.LogVerdict.HealthCheckResult"/>).
/// </summary>
public sealed partial class DependencyMonitor : IHealthCheckPublisher, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (HealthStatus Status, DateTimeOffset Since)> latest = new();
    private readonly ILogger<DependencyMonitor> logger;
    private readonly TimeProvider clock;
    private readonly Meter meter;

    public DependencyMonitor(IMeterFactory meters, ILogger<DependencyMonitor> logger, TimeProvider clock)
    {
        this.logger = logger;
        this.clock = clock;
        meter = meters.Create(ProjectionLagMetrics.MeterName);
        meter.CreateObservableGauge("crisis.dependency.up",
            () => latest.Select(d => new Measurement<double>(Up(d.Value.Status), new KeyValuePair<string, object?>("dependency", d.Key))),
            description: "1 while the dependency's readiness check passes, 0.5 while degraded, 0 while it fails");
    }

    public static double Up(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        foreach (var (name, entry) in report.Entries)
        {
            // The 'self' liveness check is not a dependency.
            if (entry.Tags.Contains(ServiceDefaultsExtensions.LiveTag)) continue;
            var known = latest.TryGetValue(name, out var before);
            if (known && before.Status == entry.Status) continue;
            latest[name] = (entry.Status, now);
            if (entry.Status != HealthStatus.Healthy)
                LogDown(logger, name, entry.Status, HealthJson.Reason(entry));
            else if (known)
                LogBack(logger, name, (now - before.Since).TotalSeconds);
        }
        return Task.CompletedTask;
    }

    public void Dispose() => meter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency {Dependency} is {Status}: {Reason}")]
    private static partial void LogDown(ILogger logger, string dependency, HealthStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dependency {Dependency} is back (healthy) after {Seconds:0} s")]
    private static partial void LogBack(ILogger logger, string dependency, double seconds);
}
