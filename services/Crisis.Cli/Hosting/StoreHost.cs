using Crisis.Connectors;
using Crisis.CrisisCell;
using Crisis.Detection;
using Crisis.Ingestion;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crisis.Cli.Hosting;

/// <summary>
/// The same service registrations the host uses, without the web server and the bus: a command runs the
/// modules' own code paths against the store, so what the CLI stores is exactly what the API would.
/// </summary>
public static class StoreHost
{
    public static IHost Build(StoreSettings settings, bool applySchema = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crisis"] = settings.ResolveConnection(),
            ["EventStore:Schema"] = settings.Schema,
            ["EventStore:ApplySchemaOnStartup"] = applySchema ? "true" : "false",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        // Every module's schema, so that 'db migrate' creates all of it; no daemon runs here.
        builder.Services.AddCrisisEventStore(builder.Configuration).AddDetection(builder.Configuration).AddCrisisCell(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.AddConnectorsStore();
        // The hosts run the async projections; a command only reads them, so Marten's "daemon disabled" warning
        // would be noise on an operator's console.
        builder.Services.ConfigureMarten(options => options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged);
        return builder.Build();
    }
}
