using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Crisis.Host.Hosting;

public static class StoreHealthChecks
{
    /// <summary>Readiness needs PostgreSQL; MassTransit registers its own bus check.</summary>
    public static IServiceCollection AddStoreHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql");
        return services;
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException e)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", e);
            }
        }
    }
}
