using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.ServiceDefaults.EventSourcing;

public static class DaemonSetup
{
    /// <summary>
    /// The async daemon on one node at a time across the cluster (hot/cold), with <see cref="StoppedShardRecovery"/>.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddHotColdDaemon(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression store, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.AddAsyncDaemon(DaemonMode.HotCold);
        services.AddHostedService<StoppedShardRecovery>();
        return store;
    }
}
