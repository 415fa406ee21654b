using Crisis.CrisisCell;
using Crisis.Ingestion;
using MassTransit;

namespace Crisis.Host.Hosting;

public static class BusSetup
{
    /// <summary>MassTransit over RabbitMQ, with the consumers of the modules this process runs.</summary>
    public static IServiceCollection AddCrisisBus(this IServiceCollection services, IConfiguration configuration, HostedModules modules)
    {
        var uri = configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured (see ops/config/appsettings.example.json)");
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit would report usage to usage-tracking.masstransit.io at start-up: a crisis service keeps its
            // traffic to the servers it is configured for (and often runs where that host cannot be reached).
            bus.DisableUsageTelemetry();
            if (modules.Ingestion) bus.AddIngestionConsumers();
            if (modules.CrisisCell) bus.AddCrisisCellConsumers();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(uri));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
