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

    /// <summary>
    /// A node starting up is not ready until it has connected: a dependency failing only in its first half minute is
    /// not worth a warning (it is on the gauge and in /health/ready all the same).
    /// </summary>
    public static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Observed> latest = new();
    private readonly DateTimeOffset startedAt;
    private readonly ILogger<DependencyMonitor> logger;
    private readonly TimeProvider clock;
    private readonly Meter meter;

    public DependencyMonitor(IMeterFactory meters, ILogger<DependencyMonitor> logger, TimeProvider clock)
    {
        this.logger = logger;
        this.clock = clock;
        startedAt = clock.GetUtcNow();
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
        var starting = now - startedAt < StartUpGrace;
        foreach (var (name, entry) in report.Entries)
        {
            // The 'self' liveness check is not a dependency.
            if (entry.Tags.Contains(ServiceDefaultsExtensions.LiveTag)) continue;
            latest.TryGetValue(name, out var before);
            if (before is not null && before.Status == entry.Status)
            {
                // Still failing after start-up: now it is worth saying.
                if (!before.Warned && entry.Status != HealthStatus.Healthy && !starting)
                {
                    LogDown(logger, name, entry.Status, HealthJson.Reason(entry));
                    latest[name] = before with { Warned = true };
                }
                continue;
            }
            var warn = entry.Status != HealthStatus.Healthy && (!starting || before?.Status == HealthStatus.Healthy);
            if (warn) LogDown(logger, name, entry.Status, HealthJson.Reason(entry));
            else if (entry.Status == HealthStatus.Healthy && before is { Warned: true }) LogBack(logger, name, (now - before.Since).TotalSeconds);
            // A dependency that goes from failing one way to failing another keeps the time it first failed.
            var since = before is not null && before.Status != HealthStatus.Healthy && entry.Status != HealthStatus.Healthy ? before.Since : now;
            latest[name] = new Observed(entry.Status, since, warn || (before?.Warned == true && entry.Status != HealthStatus.Healthy));
        }
        return Task.CompletedTask;
    }

    /// <summary>A dependency's last status, since when, and whether the operator was told it fails.</summary>
    private sealed record Observed(HealthStatus Status, DateTimeOffset Since, bool Warned);

    public void Dispose() => meter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency {Dependency} is {Status}: {Reason}")]
    private static partial void LogDown(ILogger logger, string dependency, HealthStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dependency {Dependency} is back (healthy) after {Seconds:0} s")]
    private static partial void LogBack(ILogger logger, string dependency, double seconds);
}
