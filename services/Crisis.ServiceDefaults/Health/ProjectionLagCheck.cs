using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crisis.ServiceDefaults.Health;

/// <summary>
/// Readiness thresholds, from the <c>Health</c> section: a shard more than <see cref="MaxProjectionLag"/> events
/// behind, or whose oldest pending event waits longer than <see cref="MaxProjectionLagAge"/>, fails the check.
/// </summary>
public sealed record ProjectionLagThresholds(long MaxProjectionLag, TimeSpan MaxProjectionLagAge) : IValidatableObject
{
    public const string Section = "Health";

    /// <summary>The defaults: 50,000 events, 5 minutes.</summary>
    public ProjectionLagThresholds() : this(50_000L, TimeSpan.FromMinutes(5)) { }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxProjectionLag < 0)
            yield return new($"{Section}:MaxProjectionLag must be zero or more events, not {MaxProjectionLag}", [nameof(MaxProjectionLag)]);
        if (MaxProjectionLagAge <= TimeSpan.Zero)
            yield return new($"{Section}:MaxProjectionLagAge must be a positive duration (hh:mm:ss), not {MaxProjectionLagAge}", [nameof(MaxProjectionLagAge)]);
    }
}

/// <summary>Pure judgement of the shards' lag against the thresholds: what the health check answers.</summary>
public static class ProjectionLagAssessment
{
    public static HealthCheckResult Assess(IReadOnlyList<ShardLag> shards, ProjectionLagThresholds thresholds, DateTimeOffset now, HealthStatus failureStatus)
    {
        var data = shards.ToDictionary(s => s.Shard, s => (object)s.Events);
        var behind = shards
            .Where(s => s.Events > thresholds.MaxProjectionLag || s.AgeAt(now) > thresholds.MaxProjectionLagAge)
            .Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Shard} is {s.Events} events behind (oldest waiting {s.AgeAt(now).TotalSeconds:0} s)"))
            .ToArray();
        if (behind.Length > 0)
        {
            return new HealthCheckResult(failureStatus, string.Join("; ", behind) + string.Create(CultureInfo.InvariantCulture,
                $" (limits: {thresholds.MaxProjectionLag} events, {thresholds.MaxProjectionLagAge.TotalSeconds:0} s)"), data: data);
        }
        var worst = shards.Count == 0 ? 0 : shards.Max(s => s.Events);
        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{shards.Count} shards, at most {worst} events behind"), data);
    }
}

/// <summary>Readiness: the projections and subscriptions follow the store closely enough to serve reads.</summary>
public sealed class ProjectionLagHealthCheck(IProjectionLagSource source, IOptions<ProjectionLagThresholds> thresholds, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ShardLag> shards;
        try
        {
            shards = await source.ReadAsync(cancellationToken);
        }
        catch (Npgsql.NpgsqlException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "projection progress unreadable", e);
        }
        return ProjectionLagAssessment.Assess(shards, thresholds.Value, clock.GetUtcNow(), context.Registration.FailureStatus);
    }
}
