using System.Globalization;
using Crisis.Connectors.Configuring;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Crisis.Connectors.Running;

/// <summary>
/// Each configured connector's state in the readiness answer (<c>/health/ready</c>): reading, starting, or reconnecting
/// with its last error. A connector failing <see cref="FailuresBeforeDegraded"/> times in a row without reading anything
/// makes the node Degraded, never Unhealthy: a platform's outage must not take the node's intake out of the load
/// balancer, and the connector keeps reconnecting on its own.
/// </summary>
public sealed class ConnectorsHealthCheck(IOptions<ConnectorsSettings> options, ConnectorsTelemetry telemetry, TimeProvider clock) : IHealthCheck
{
    public const int FailuresBeforeDegraded = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var failing = new List<string>();
        foreach (var name in options.Value.Instances.Keys.Order(StringComparer.Ordinal))
        {
            var state = telemetry.States.GetValueOrDefault(name);
            data[name] = Describe(state, now);
            if (state is { FailuresSinceProgress: >= FailuresBeforeDegraded }) failing.Add($"{name}: {state.LastError}");
        }
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} connectors reading or starting", data)
            : HealthCheckResult.Degraded($"{failing.Count} of {data.Count} connectors cannot read their source: {string.Join("; ", failing)}", data: data));
    }

    private static string Describe(ConnectorState? state, DateTimeOffset now) => state switch
    {
        null => "starting",
        { FailuresSinceProgress: 0, LastProgress: { } at } => string.Create(CultureInfo.InvariantCulture, $"reading (last batch {(now - at).TotalSeconds:0} s ago)"),
        { FailingSince: { } since } => string.Create(CultureInfo.InvariantCulture,
            $"reconnecting: {state.FailuresSinceProgress} failures in {(now - since).TotalMinutes:0.0} min, last: {state.LastError}"),
        _ => "starting",
    };
}
