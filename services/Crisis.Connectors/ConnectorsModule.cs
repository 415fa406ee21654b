using Crisis.Connectors.Configuring;
using Crisis.Connectors.Cursors;
using Crisis.Connectors.Running;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crisis.Connectors;

/// <summary>The connectors module: its table (every node), and on nodes of the <c>connectors</c> role, the connectors themselves.</summary>
public static class ConnectorsModule
{
    /// <summary>The cursor table, part of the store's schema on every node (created by migration or ApplySchemaOnStartup).</summary>
    public static IServiceCollection AddConnectorsStore(this IServiceCollection services)
    {
        services.ConfigureMarten(ConnectorCursors.Configure);
        services.TryAddSingleton<ConnectorCursors>();
        services.TryAddSingleton<ICursorStore>(sp => sp.GetRequiredService<ConnectorCursors>());
        return services;
    }

    /// <summary>Runs the configured connectors (<c>Connectors:Instances</c>), checked at start; <see cref="IMentionIntake"/> comes from the host.</summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectorsStore();
        services.AddOptions<ConnectorsSettings>().Bind(configuration.GetSection(ConnectorsSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorsSettings>, ConnectorSettingsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectorsTelemetry>();
        services.AddHttpClient();
        services.AddHostedService<ConnectorsService>();
        services.AddHealthChecks().AddCheck<ConnectorsHealthCheck>("connectors", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        return services;
    }
}
